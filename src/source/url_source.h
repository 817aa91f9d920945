#pragma once
/// Image data and checksum files from upstream http(s) URLs, through libcurl. Downloads are
/// pulled chunk by chunk by the reader (no thread, no temporary file), so an image flows from
/// the mirror into the upload in constant memory.

#include <atomic>
#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "core/result.h"
#include "core/stream.h"

namespace glancer {

/// Settings for talking to upstream mirrors.
struct UrlOptions {
  long connect_timeout_s = 30;
  long stall_timeout_s = 120;  ///< abort when no byte arrives for this long
  const std::atomic<bool>* cancel =
      nullptr;  ///< polled while waiting: true aborts with `cancelled`
};

/// What a mirror says about a file without sending it.
struct UrlInfo {
  std::optional<uint64_t> size;                                        ///< Content-Length
  std::optional<std::chrono::system_clock::time_point> last_modified;  ///< Last-Modified
};

/// HEAD `url` (following redirects; a GET cut after the headers when HEAD is refused).
/// Errors name the redacted URL and the HTTP status or the transport failure.
Result<UrlInfo> probe_url(const std::string& url, const UrlOptions& options = {});

/// GET `url` whole, refusing bodies larger than `max_bytes` (for checksum files).
Result<std::string> fetch_text(const std::string& url, size_t max_bytes,
                               const UrlOptions& options = {});

/// A streamed GET of `url` as a ByteSource. open() returns once the response has started, so
/// size() knows the Content-Length (if the mirror sends one); read() pulls the next bytes.
/// At most about one chunk is buffered: the transfer pauses until the reader catches up.
class UrlSource : public ByteSource {
 public:
  static Result<std::unique_ptr<UrlSource>> open(const std::string& url,
                                                 const UrlOptions& options = {});
  ~UrlSource() override;
  UrlSource(const UrlSource&) = delete;
  UrlSource& operator=(const UrlSource&) = delete;

  Result<size_t> read(char* buf, size_t n) override;
  std::optional<uint64_t> size() const override { return m_size; }

 private:
  struct Impl;
  explicit UrlSource(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
  std::optional<uint64_t> m_size;
};

}  // namespace glancer
