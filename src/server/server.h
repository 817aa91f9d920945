#pragma once
/// GlanceServer: a Glance v2-compatible HTTP API (cpp-httplib) over any ImageService, the
/// engine of `glancer serve`. It adds what every route shares: an X-Openstack-Request-Id on
/// every response, the optional X-Auth-Token check, bounded bodies, Glance's error documents,
/// the versions document for unknown paths, and a graceful stop.

#include <memory>
#include <string>

#include "core/result.h"
#include "glance/image_service.h"
#include "server/serve_state.h"

namespace httplib {
class Server;
}

namespace glancer {

class GlanceServer {
 public:
  /// Serves `service` (which must outlive the server); opens the staging area in
  /// options.staging_dir (required), clearing what a previous run left there.
  static Result<std::unique_ptr<GlanceServer>> create(ImageService& service, ServeOptions options);
  ~GlanceServer();
  GlanceServer(const GlanceServer&) = delete;
  GlanceServer& operator=(const GlanceServer&) = delete;

  /// Binds `host:port`; port 0 picks a free port. Returns the bound port; transport if the
  /// address can't be bound.
  Result<int> bind(const std::string& host, int port);
  /// Serves until stop(); returns once in-flight requests and background imports have ended.
  Status run();
  /// Asks the server to stop (from any thread, not from a signal handler): uploads in flight
  /// are cancelled, leaving their images queued.
  void stop();

  /// Answers the HTTP/1.1 requests in `request` (the bytes a client would send; several may
  /// follow each other) without a socket, through every handler as for a connection, and
  /// returns the response bytes. For the fuzz target and tests; never call it while run()
  /// serves.
  std::string serve_bytes(const std::string& request);

 private:
  GlanceServer(std::unique_ptr<StagingArea> staging, ImageService& service, ServeOptions options);
  void install_handlers();

  std::unique_ptr<StagingArea> m_staging;
  std::unique_ptr<ServeState> m_state;
  std::unique_ptr<httplib::Server> m_http;
};

/// True when `token` equals `expected`, compared in constant time.
bool token_matches(const std::string& token, const std::string& expected);

}  // namespace glancer
