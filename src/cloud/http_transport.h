#pragma once
/// HTTP for Keystone and Glance: one request/response seam (HttpTransport) so tests can fake the
/// network, and its libcurl implementation with reused connections, TLS options, streaming
/// bodies and debug logging with secrets redacted.

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "cloud/cloud_config.h"
#include "core/result.h"
#include "core/stream.h"

namespace glancer {

namespace net {
class CurlEasy;
}

/// One request. Exactly one of `body` / `upload` carries the request body (neither: none).
struct HttpRequest {
  std::string method = "GET";
  std::string url;
  std::vector<std::string> headers;  ///< "Name: value"
  std::string body;
  ByteSource* upload = nullptr;  ///< streamed body; its size() becomes Content-Length
  ByteSink* download = nullptr;  ///< receives a 2xx response body instead of `body`
};

/// One response; header names are lowercase.
struct HttpResponse {
  long status = 0;
  std::map<std::string, std::string> headers;
  std::string body;  ///< empty when a 2xx body went to HttpRequest::download

  /// The header's value, or "" (name is matched case-insensitively).
  std::string header(const std::string& name) const;
};

/// Sends requests; a non-2xx status is a response, not an error. Errors: transport (connection,
/// TLS, reset), timeout, or the upload source's / download sink's own error.
class HttpTransport {
 public:
  virtual ~HttpTransport() = default;
  virtual Result<HttpResponse> send(const HttpRequest& request) = 0;
};

/// Receives one debug line (already redacted).
using LogFn = std::function<void(const std::string&)>;

/// Settings of CurlTransport.
struct CurlOptions {
  TlsConfig tls;
  LogFn debug;                       ///< null: no logging
  std::vector<std::string> secrets;  ///< known secret values scrubbed from every log line
  long connect_timeout_s = 30;
  long stall_timeout_s = 120;  ///< abort when no byte moves for this long
};

/// libcurl: a pool of easy handles (each keeps its connections alive), thread-safe.
/// Every request is logged at debug level: method, redacted URL, status, duration,
/// X-Openstack-Request-Id, and JSON request bodies with secret fields redacted.
class CurlTransport : public HttpTransport {
 public:
  explicit CurlTransport(CurlOptions options);
  ~CurlTransport() override;
  CurlTransport(const CurlTransport&) = delete;
  CurlTransport& operator=(const CurlTransport&) = delete;

  Result<HttpResponse> send(const HttpRequest& request) override;
  /// Adds a secret (e.g. a fresh token) to scrub from log lines.
  void add_secret(const std::string& secret);

 private:
  std::unique_ptr<net::CurlEasy> take_handle();
  void give_back(std::unique_ptr<net::CurlEasy> handle);
  void log(const std::string& line);

  CurlOptions m_options;
  std::mutex m_mutex;  // guards m_free and m_options.secrets
  std::vector<std::unique_ptr<net::CurlEasy>> m_free;
};

/// Percent-encodes a path segment or query value (RFC 3986 unreserved characters kept).
std::string url_escape(const std::string& text);

}  // namespace glancer
