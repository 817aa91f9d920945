#pragma once
/// GuardedServer: cpp-httplib's Server with its connection loop replaced by one that bounds
/// what a client can make the server hold: the size of a request's line and headers (431),
/// the time to send them and a bounded body (408: a slow-loris client is cut off), and how
/// long any read or write may stall. cpp-httplib 0.11 (Debian 12) caps only single lines and
/// times single reads, so a client trickling headers could hold a worker thread and grow its
/// memory without end.

#include <httplib.h>

#include <chrono>
#include <functional>
#include <string>

namespace glancer {

/// The bounds every connection is held to.
struct ConnectionLimits {
  /// Largest request line + headers, in bytes (eventlet's, hence Glance's, total of 64 KiB).
  size_t max_head = size_t{64} << 10;
  /// Time allowed from a request's first byte to its last header, and for a bounded body.
  std::chrono::milliseconds request_timeout{30'000};
  /// Longest wait for any single read or write (an upload that stalls this long fails).
  std::chrono::milliseconds io_timeout{30'000};
  /// How long an idle keep-alive connection is kept open between requests.
  std::chrono::milliseconds keep_alive_timeout{5'000};
  /// Requests served on one connection before it is closed.
  size_t max_requests_per_connection = 100;
  /// True for requests whose body is streamed image data: no deadline, only io_timeout.
  std::function<bool(const httplib::Request&)> is_streaming;
  /// Told about each connection cut off (never given request contents).
  std::function<void(const std::string&)> log;
};

/// A cpp-httplib Server whose connections are served by the guarded loop. Everything else
/// (routes, handlers, bind, listen, stop) is cpp-httplib's.
class GuardedServer : public httplib::Server {
 public:
  explicit GuardedServer(ConnectionLimits limits) : m_limits(std::move(limits)) {}

 private:
  bool process_and_close_socket(socket_t sock) override;
  bool running() const;

  ConnectionLimits m_limits;
};

}  // namespace glancer
