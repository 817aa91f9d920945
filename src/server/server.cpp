#include "server/server.h"

#include <httplib.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "core/uuid.h"
#include "server/fault_hooks.h"
#include "server/guarded_server.h"
#include "server/http_util.h"
#include "server/routes.h"
#include "server/schemas.h"

namespace glancer {

namespace {

using HR = httplib::Server::HandlerResponse;

bool is_data_path(const std::string& path) {
  auto ends = [&](std::string_view s) {
    return path.size() >= s.size() && path.compare(path.size() - s.size(), s.size(), s) == 0;
  };
  return ends("/file") || ends("/stage");
}

bool has_body(const httplib::Request& req) {
  if (req.has_header("Transfer-Encoding")) return true;
  return req.has_header("Content-Length") && req.get_header_value("Content-Length") != "0";
}

void send_versions(const httplib::Request& req, httplib::Response& res, int status) {
  send_json(res, status, versions_document(base_url(req)));
}

void refuse_unauthenticated(const httplib::Request& req, httplib::Response& res) {
  res.set_header("WWW-Authenticate", "Keystone uri=\"none\"");
  if (has_body(req)) res.set_header("Connection", "close");
  send_error(res, 401, "The request you have made requires authentication.");
}

// With --auth-cloud: the token's project and roles become this thread's caller; a refused
// token is answered 401, a validator that cannot answer 503.
bool identify(ServeState& state, const httplib::Request& req, httplib::Response& res) {
  auto info = state.options.identity->validate(req.get_header_value("X-Auth-Token"));
  if (!info) {
    if (info.error().code == ErrorCode::unauthorized) {
      refuse_unauthenticated(req, res);
    } else {
      if (state.options.log) state.options.log("cannot validate a token: " + info.error().message);
      if (has_body(req)) res.set_header("Connection", "close");
      send_error(res, 503, "The identity service is unavailable; try again later.");
    }
    return false;
  }
  Caller caller;
  caller.identified = true;
  caller.project = info->project_id;
  caller.admin = info->has_role("admin");
  caller.writer = caller.admin || info->has_role("member") || info->has_role("_member_");
  set_current_caller(std::move(caller));
  return true;
}

// What every request goes through before its route: request id, auth, body limits.
HR pre_route(ServeState& state, const httplib::Request& req, httplib::Response& res) {
  res.set_header("X-Openstack-Request-Id", "req-" + new_uuid());
  // Ranges are interpreted by the download route itself (Glance's 400/416 rules); left in
  // place, cpp-httplib would slice every response, error bodies included.
  const_cast<httplib::Request&>(req).ranges.clear();
  // RFC 9112: a request with neither Content-Length nor Transfer-Encoding has no body.
  // Said explicitly, so cpp-httplib does not wait for the client to close the connection.
  if (!req.has_header("Content-Length") && !req.has_header("Transfer-Encoding"))
    const_cast<httplib::Request&>(req).headers.emplace("Content-Length", "0");
  const bool versions = req.path == "/" || req.path == "/versions";
  // With identity, this worker thread's caller is an identified nobody (no project, no writes)
  // until a token is accepted: nothing of a previous request's caller survives.
  if (state.options.identity) set_current_caller(Caller{true, "", false, false});
  if (!state.options.token.empty() && !versions &&
      !token_matches(req.get_header_value("X-Auth-Token"), state.options.token)) {
    refuse_unauthenticated(req, res);
    return HR::Handled;
  }
  if (state.options.identity && !versions && !identify(state, req, res)) return HR::Handled;
  if (state.stopping.load()) {
    res.set_header("Connection", "close");
    send_error(res, 503, "The server is shutting down.");
    return HR::Handled;
  }
  if (state.options.faults &&
      fault_before_route(*state.options.faults, req, res, state.options.log))
    return HR::Handled;
  if ((req.method == "GET" || req.method == "HEAD" || req.method == "DELETE") && has_body(req)) {
    res.set_header("Connection", "close");
    send_error(res, 400, "A " + req.method + " request takes no body.");
    return HR::Handled;
  }
  if (!is_data_path(req.path) && req.has_header("Content-Length")) {
    auto declared = std::strtoull(req.get_header_value("Content-Length").c_str(), nullptr, 10);
    if (declared > state.options.max_json_body) {
      res.set_header("Connection", "close");
      send_error(res, 413,
                 "The request body exceeds the limit of " +
                     std::to_string(state.options.max_json_body) + " bytes.");
      return HR::Handled;
    }
  }
  return HR::Unhandled;
}

// Responses without a body get Glance's error document; unknown paths the versions document.
HR on_error(const httplib::Request& req, httplib::Response& res) {
  if (!res.body.empty()) return HR::Unhandled;
  if (res.status == 404 && req.path.rfind("/v2/", 0) != 0 && req.path != "/v2") {
    send_versions(req, res, 300);
    return HR::Handled;
  }
  send_error(res, res.status,
             res.status == 404 ? "The resource could not be found." : "The request failed.");
  return HR::Handled;
}

// The guarded server with its one-request entry point public, for serve_bytes.
class HttpServer : public GuardedServer {
 public:
  using GuardedServer::GuardedServer;
  using httplib::Server::process_request;
};

// A connection made of bytes: reads from the request text, collects what is written.
class BytesStream : public httplib::Stream {
 public:
  explicit BytesStream(const std::string& in) : m_in(in) {}
  bool is_readable() const override { return m_at < m_in.size(); }
  bool is_writable() const override { return true; }
  ssize_t read(char* ptr, size_t size) override {
    size_t n = std::min(size, m_in.size() - m_at);
    m_in.copy(ptr, n, m_at);
    m_at += n;
    return static_cast<ssize_t>(n);
  }
  ssize_t write(const char* ptr, size_t size) override {
    out.append(ptr, size);
    return static_cast<ssize_t>(size);
  }
  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    ip = "127.0.0.1", port = 1;
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    ip = "127.0.0.1", port = 2;
  }
  socket_t socket() const override { return INVALID_SOCKET; }
  std::string out;

 private:
  const std::string& m_in;
  size_t m_at = 0;
};

ConnectionLimits connection_limits(const ServeOptions& options) {
  ConnectionLimits limits;
  limits.max_head = options.max_request_head;
  limits.request_timeout = options.read_timeout;
  limits.io_timeout = options.read_timeout;
  limits.is_streaming = [](const httplib::Request& req) { return is_data_path(req.path); };
  limits.log = options.log;
  return limits;
}

}  // namespace

bool token_matches(const std::string& token, const std::string& expected) {
  unsigned char diff = token.size() == expected.size() ? 0 : 1;
  for (size_t i = 0; i < expected.size(); ++i)
    diff |= static_cast<unsigned char>(expected[i] ^ (i < token.size() ? token[i] : 0));
  return diff == 0;
}

Result<std::unique_ptr<GlanceServer>> GlanceServer::create(ImageService& service,
                                                           ServeOptions options) {
  if (options.staging_dir.empty())
    return fail(ErrorCode::invalid_argument, "glancer serve needs a staging directory");
  GLANCER_TRY(staging, StagingArea::open(options.staging_dir));
  return std::unique_ptr<GlanceServer>(
      new GlanceServer(std::move(staging), service, std::move(options)));
}

GlanceServer::GlanceServer(std::unique_ptr<StagingArea> staging, ImageService& service,
                           ServeOptions options)
    : m_staging(std::move(staging)),
      m_state(std::make_unique<ServeState>(service, std::move(options), *m_staging)),
      m_http(std::make_unique<HttpServer>(connection_limits(m_state->options))) {
  install_handlers();
}

GlanceServer::~GlanceServer() {
  stop();
  m_state->jobs.join_all();
}

void GlanceServer::install_handlers() {
  ServeState& state = *m_state;
  m_http->new_task_queue = [] { return new httplib::ThreadPool(16); };
  // A response goes out in two writes (head, then body): with Nagle's algorithm the second
  // waits for the client's delayed ACK of the first, 40 ms on Linux, on every request.
  m_http->set_tcp_nodelay(true);
  // cpp-httplib's default sets SO_REUSEPORT, which lets a second `glancer serve` bind the same
  // address and take half of the connections. SO_REUSEADDR alone still allows a restart while
  // old connections linger in TIME_WAIT, but refuses a second listener.
  m_http->set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
  });
  m_http->set_pre_routing_handler([&state](const httplib::Request& req, httplib::Response& res) {
    return pre_route(state, req, res);
  });
  m_http->set_error_handler(httplib::Server::HandlerWithResponse(on_error));
  if (state.options.faults)
    m_http->set_post_routing_handler([&state](const httplib::Request& req, httplib::Response& res) {
      fault_after_route(*state.options.faults, req, res);
    });
  m_http->set_exception_handler(
      [](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
        std::string what = "unexpected error";
        try {
          if (ep) std::rethrow_exception(ep);
        } catch (const std::exception& e) {
          what = e.what();
        } catch (...) {
        }
        send_error(res, 500, what);
      });
  m_http->Get("/", [](const httplib::Request& req, httplib::Response& res) {
    send_versions(req, res, 300);
  });
  add_document_routes(*m_http);
  add_image_routes(*m_http, state);
  add_member_routes(*m_http, state);
  add_data_routes(*m_http, state);
  add_import_routes(*m_http, state);
  add_metadef_routes(*m_http, state);
}

Result<int> GlanceServer::bind(const std::string& host, int port) {
  const std::string address =
      (host.find(':') != std::string::npos ? "[" + host + "]" : host) + ":" + std::to_string(port);
  errno = 0;  // cpp-httplib reports only false: the reason is what bind(2) left in errno
  const int bound =
      port == 0 ? m_http->bind_to_any_port(host) : (m_http->bind_to_port(host, port) ? port : -1);
  if (bound > 0) return bound;
  const int why = errno;
  if (why == EADDRINUSE)
    return fail(ErrorCode::conflict, "cannot listen on " + address + ": address already in use");
  return fail(ErrorCode::transport, "cannot listen on " + address + ": " +
                                        (why != 0 ? std::strerror(why) : "address not available"));
}

Status GlanceServer::run() {
  bool ok = m_http->listen_after_bind();
  const bool asked = m_state->stopping.exchange(true);
  m_state->jobs.join_all();
  if (!ok && !asked) return fail(ErrorCode::transport, "the server stopped unexpectedly");
  return {};
}

void GlanceServer::stop() {
  m_state->stopping.store(true);
  m_http->stop();
}

std::string GlanceServer::serve_bytes(const std::string& request) {
  BytesStream stream(request);
  // Like cpp-httplib's keep-alive loop, bounded: one request per iteration until the bytes end.
  for (int i = 0; i < 100 && stream.is_readable(); ++i) {
    bool closed = false;
    if (!static_cast<HttpServer&>(*m_http).process_request(stream, false, closed, nullptr) ||
        closed)
      break;
  }
  return stream.out;
}

}  // namespace glancer
