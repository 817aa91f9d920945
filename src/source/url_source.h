#pragma once
/// Image data and checksum files from upstream http(s) URLs, through libcurl. Downloads are
/// pulled chunk by chunk by the reader (no thread, no temporary file), so an image flows from
/// the mirror into the upload in constant memory.

#include <atomic>
#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "core/mirror_options.h"
#include "core/result.h"
#include "core/stream.h"

namespace glancer {

/// Settings for talking to upstream mirrors: timeouts, retries, notices, cancel.
using UrlOptions = MirrorOptions;

/// What a mirror says about a file without sending it.
struct UrlInfo {
  std::optional<uint64_t> size;                                        ///< Content-Length
  std::optional<std::chrono::system_clock::time_point> last_modified;  ///< Last-Modified
};

/// HEAD `url` (following redirects; a GET cut after the headers when HEAD is refused).
/// Errors name the redacted URL and the HTTP status or the transport failure. Like every
/// request here, retried under options.retry (mirror_retry.h) on transport errors, timeouts
/// (no answer within answer_timeout_s included), 429 and 5xx.
Result<UrlInfo> probe_url(const std::string& url, const UrlOptions& options = {});

/// GET `url` whole, refusing bodies larger than `max_bytes` (for checksum files).
Result<std::string> fetch_text(const std::string& url, size_t max_bytes,
                               const UrlOptions& options = {});

/// A streamed GET of `url` as a ByteSource. open() returns once the response has started, so
/// size() knows the Content-Length (if the mirror sends one); read() pulls the next bytes.
/// At most about one chunk is buffered: the transfer pauses until the reader catches up.
/// Only open() and rewind() retry: a transfer that fails after its first byte fails the read
/// (never resumed behind the reader's back); the reader may rewind() to start over cleanly.
class UrlSource : public ByteSource {
 public:
  static Result<std::unique_ptr<UrlSource>> open(const std::string& url,
                                                 const UrlOptions& options = {});
  ~UrlSource() override;
  UrlSource(const UrlSource&) = delete;
  UrlSource& operator=(const UrlSource&) = delete;

  Result<size_t> read(char* buf, size_t n) override;
  std::optional<uint64_t> size() const override { return m_size; }
  /// Drops the transfer and starts a new GET from the first byte (retried like open()); io
  /// error when the mirror now announces another size.
  Status rewind() override;

 private:
  struct Impl;
  explicit UrlSource(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
  std::optional<uint64_t> m_size;
};

}  // namespace glancer
