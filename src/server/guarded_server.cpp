#include "server/guarded_server.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <optional>

#include "core/uuid.h"
#include "server/errors.h"

namespace glancer {

namespace {

using Clock = std::chrono::steady_clock;

// Waits up to `ms` for `events` on `sock`; false on timeout or error.
bool wait_for(socket_t sock, short events, long ms) {
  pollfd p{sock, events, 0};
  for (;;) {
    int r = ::poll(&p, 1, static_cast<int>(std::max(0L, ms)));
    if (r < 0 && errno == EINTR) continue;
    return r > 0;
  }
}

void address_of(socket_t sock, bool peer, std::string& ip, int& port) {
  sockaddr_storage addr{};
  socklen_t len = sizeof(addr);
  int r = peer ? ::getpeername(sock, reinterpret_cast<sockaddr*>(&addr), &len)
               : ::getsockname(sock, reinterpret_cast<sockaddr*>(&addr), &len);
  if (r != 0) return;
  std::array<char, NI_MAXHOST> host{};
  std::array<char, NI_MAXSERV> serv{};
  if (::getnameinfo(reinterpret_cast<sockaddr*>(&addr), len, host.data(), host.size(), serv.data(),
                    serv.size(), NI_NUMERICHOST | NI_NUMERICSERV) == 0) {
    ip = host.data();
    port = std::atoi(serv.data());
  }
}

// One connection's socket as a cpp-httplib Stream, with a read buffer (cpp-httplib reads
// request lines a byte at a time) and the limits of the request being read.
class GuardedStream final : public httplib::Stream {
 public:
  GuardedStream(socket_t sock, const ConnectionLimits& limits) : m_sock(sock), m_limits(limits) {}

  // A request starts: its line and headers must fit max_head and arrive before the deadline.
  void begin_request() {
    m_in_head = true;
    m_head_bytes = 0;
    m_deadline = Clock::now() + m_limits.request_timeout;
  }
  // The headers are in: a streamed body has no deadline, any other body the request's own.
  void begin_body(bool streaming) {
    m_in_head = false;
    if (streaming) m_deadline.reset();
  }
  // True when a byte of a next request is available within `timeout` (or the server stops).
  bool wait_for_request(std::chrono::milliseconds timeout, const std::function<bool()>& running) {
    if (m_pos < m_len) return true;
    const auto end = Clock::now() + timeout;
    while (running()) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(end - Clock::now()).count();
      if (left <= 0) return false;
      if (wait_for(m_sock, POLLIN, std::min(left, 100L))) return true;
    }
    return false;
  }
  bool refused() const { return m_refused; }

  bool is_readable() const override {
    return m_pos < m_len || wait_for(m_sock, POLLIN, wait_budget());
  }
  bool is_writable() const override {
    return !m_refused && wait_for(m_sock, POLLOUT, m_limits.io_timeout.count());
  }

  ssize_t read(char* ptr, size_t size) override {
    if (m_refused) return -1;
    if (m_pos == m_len) {
      // poll may wake a little early: only a passed deadline or a full io_timeout counts.
      const auto waited_since = Clock::now();
      while (!wait_for(m_sock, POLLIN, wait_budget())) {
        if (m_deadline && Clock::now() >= *m_deadline) {
          refuse(408, m_in_head ? "The request headers did not arrive in time."
                                : "The request body did not arrive in time.");
          return -1;
        }
        if (Clock::now() - waited_since >= m_limits.io_timeout) return -1;
      }
      ssize_t n;
      do {
        n = ::recv(m_sock, m_buffer.data(), m_buffer.size(), 0);
      } while (n < 0 && errno == EINTR);
      if (n <= 0) return n;
      m_pos = 0;
      m_len = static_cast<size_t>(n);
    }
    size_t k = std::min(size, m_len - m_pos);
    if (m_in_head) {
      if (m_head_bytes + k > m_limits.max_head) {
        refuse(431, "The request line and headers exceed " + std::to_string(m_limits.max_head) +
                        " bytes.");
        return -1;
      }
      m_head_bytes += k;
    }
    std::memcpy(ptr, m_buffer.data() + m_pos, k);
    m_pos += k;
    return static_cast<ssize_t>(k);
  }

  ssize_t write(const char* ptr, size_t size) override {
    if (m_refused || !wait_for(m_sock, POLLOUT, m_limits.io_timeout.count())) return -1;
    ssize_t n;
    do {
      n = ::send(m_sock, ptr, size, MSG_NOSIGNAL);
    } while (n < 0 && errno == EINTR);
    return n;
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    address_of(m_sock, true, ip, port);
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    address_of(m_sock, false, ip, port);
  }
  socket_t socket() const override { return m_sock; }

 private:
  // How long the next read may wait: io_timeout, cut short by the request's deadline.
  long wait_budget() const {
    long ms = m_limits.io_timeout.count();
    if (m_deadline) {
      auto left = std::chrono::ceil<std::chrono::milliseconds>(*m_deadline - Clock::now());
      ms = std::min(ms, static_cast<long>(left.count()));
    }
    return std::max(0L, ms);
  }

  // Answers `status` with Glance's error document and closes the exchange: cpp-httplib's
  // own answer to the failed read is swallowed (writes fail from here on).
  void refuse(int status, const std::string& message) {
    const std::string body = glance_error_body(status, message).dump();
    const std::string head =
        "HTTP/1.1 " + http_status_line(status) +
        "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
        "\r\nX-Openstack-Request-Id: req-" + new_uuid() + "\r\nConnection: close\r\n\r\n";
    (void)write(head.data(), head.size());
    (void)write(body.data(), body.size());
    m_refused = true;
    if (m_limits.log) {
      std::string ip;
      int port = 0;
      get_remote_ip_and_port(ip, port);
      m_limits.log("closed the connection from " + ip + ":" + std::to_string(port) + " with " +
                   http_status_line(status) + ": " + message);
    }
  }

  socket_t m_sock;
  const ConnectionLimits& m_limits;
  std::array<char, 4096> m_buffer{};
  size_t m_pos = 0, m_len = 0;
  bool m_in_head = false;
  bool m_refused = false;
  size_t m_head_bytes = 0;
  std::optional<Clock::time_point> m_deadline;
};

// After a refusal the client may still be sending: closing now would reset the connection
// and could destroy the answer before the client reads it. Half-close, then discard what
// arrives for a moment (bounded in time and bytes).
void drain(socket_t sock) {
  ::shutdown(sock, SHUT_WR);
  std::array<char, 16384> sink{};
  const auto end = Clock::now() + std::chrono::seconds(1);
  for (size_t total = 0; total < (size_t{1} << 20) && Clock::now() < end;) {
    if (!wait_for(sock, POLLIN, 100)) continue;
    ssize_t n = ::recv(sock, sink.data(), sink.size(), 0);
    if (n <= 0) break;
    total += static_cast<size_t>(n);
  }
}

}  // namespace

bool GuardedServer::running() const {
  return svr_sock_ != INVALID_SOCKET;
}

bool GuardedServer::process_and_close_socket(socket_t sock) {
  {
    GuardedStream stream(sock, m_limits);
    auto is_running = [this] { return running(); };
    for (size_t served = 0; served < m_limits.max_requests_per_connection; ++served) {
      if (!stream.wait_for_request(m_limits.keep_alive_timeout, is_running)) break;
      stream.begin_request();
      const bool last = served + 1 == m_limits.max_requests_per_connection || !running();
      bool closed = false;
      bool ok = process_request(stream, last, closed, [&](httplib::Request& req) {
        stream.begin_body(m_limits.is_streaming && m_limits.is_streaming(req));
      });
      if (stream.refused()) {
        drain(sock);
        break;
      }
      if (!ok || closed || last) break;
    }
  }
  ::shutdown(sock, SHUT_RDWR);
  ::close(sock);
  return true;
}

}  // namespace glancer
