#pragma once
/// Streams an HTTP request body into a consumer that pulls it as a ByteSource (an upload into
/// the ImageService, a staging file) with constant memory: the body is received on the
/// handler's thread and handed over through a BytePipe to the consumer's thread.

#include <httplib.h>

#include <cstdint>
#include <functional>
#include <optional>

#include "core/result.h"
#include "core/stream.h"
#include "server/serve_state.h"

namespace glancer {

/// The size a client declared for its body: Content-Length; nullopt when chunked; 0 with
/// neither (Glance's empty-body rule). invalid_argument for a malformed Content-Length.
Result<std::optional<uint64_t>> declared_body_size(const httplib::Request& req);

/// Runs `consume` on a new thread with the request body as its source, receiving the body on
/// this thread; returns what `consume` returned. A client that disconnects makes the source
/// fail with `transport`; a stopping server makes it fail with `cancelled`.
template <class T>
Result<T> stream_body(ServeState& state, const httplib::ContentReader& reader,
                      std::optional<uint64_t> declared,
                      const std::function<Result<T>(ByteSource&)>& consume);

/// A ByteSource over a file that fails with `cancelled` once `stopping` is set.
class CancellableFileSource : public ByteSource {
 public:
  /// Opens `path`; io error if it can't.
  static Result<std::unique_ptr<CancellableFileSource>> open(const std::filesystem::path& path,
                                                             const std::atomic<bool>& stopping);
  ~CancellableFileSource() override;
  Result<size_t> read(char* buf, size_t n) override;
  std::optional<uint64_t> size() const override { return m_size; }

 private:
  CancellableFileSource(int fd, uint64_t size, const std::atomic<bool>& stopping)
      : m_fd(fd), m_size(size), m_stopping(stopping) {}
  int m_fd;
  uint64_t m_size;
  const std::atomic<bool>& m_stopping;
};

}  // namespace glancer
