#include "server/body_stream.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <thread>

#include "glance/image.h"
#include "server/byte_pipe.h"

namespace glancer {

Result<std::optional<uint64_t>> declared_body_size(const httplib::Request& req) {
  if (req.has_header("Content-Length")) {
    const std::string text = req.get_header_value("Content-Length");
    uint64_t n = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (ec != std::errc() || end != text.data() + text.size())
      return fail(ErrorCode::invalid_argument, "invalid Content-Length '" + text + "'");
    return std::optional<uint64_t>(n);
  }
  if (req.has_header("Transfer-Encoding")) return std::optional<uint64_t>();
  return std::optional<uint64_t>(0);
}

template <class T>
Result<T> stream_body(ServeState& state, const httplib::ContentReader& reader,
                      std::optional<uint64_t> declared,
                      const std::function<Result<T>(ByteSource&)>& consume) {
  BytePipe pipe(state.options.pipe_capacity, &state.stopping);
  PipeSource source(pipe, declared);
  std::optional<Result<T>> result;
  std::thread consumer([&] {
    result.emplace(consume(source));
    pipe.close_reader();
  });
  bool received = reader([&](const char* data, size_t n) { return pipe.write(data, n); });
  pipe.close_writer(received ? std::nullopt
                             : std::optional<Error>(
                                   fail(ErrorCode::transport, "the client stopped sending data")));
  consumer.join();
  return std::move(*result);
}

template Result<Image> stream_body<Image>(ServeState&, const httplib::ContentReader&,
                                          std::optional<uint64_t>,
                                          const std::function<Result<Image>(ByteSource&)>&);
template Result<uint64_t> stream_body<uint64_t>(
    ServeState&, const httplib::ContentReader&, std::optional<uint64_t>,
    const std::function<Result<uint64_t>(ByteSource&)>&);

Result<std::unique_ptr<CancellableFileSource>> CancellableFileSource::open(
    const std::filesystem::path& path, const std::atomic<bool>& stopping) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return fail(ErrorCode::io, "cannot open staged data: " + std::string(std::strerror(errno)));
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    ::close(fd);
    return fail(ErrorCode::io, "cannot stat staged data");
  }
  return std::unique_ptr<CancellableFileSource>(
      new CancellableFileSource(fd, static_cast<uint64_t>(st.st_size), stopping));
}

CancellableFileSource::~CancellableFileSource() {
  ::close(m_fd);
}

Result<size_t> CancellableFileSource::read(char* buf, size_t n) {
  if (m_stopping.load()) return fail(ErrorCode::cancelled, "the server is shutting down");
  for (;;) {
    ssize_t got = ::read(m_fd, buf, n);
    if (got >= 0) return static_cast<size_t>(got);
    if (errno != EINTR)
      return fail(ErrorCode::io, "cannot read staged data: " + std::string(std::strerror(errno)));
  }
}

}  // namespace glancer
