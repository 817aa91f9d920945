#pragma once
/// libcurl under glancer's two HTTP clients (source/url_source.h for upstream mirrors,
/// cloud/http_transport.h for Glance and Keystone): an owning easy handle, the options every
/// request shares, and how a failed transfer becomes an Error that names the request with its
/// URL redacted. Each client keeps what is its own (redirects, streaming, callbacks, retries).
/// Depends on core and libcurl only.

#include <curl/curl.h>

#include <memory>
#include <string>
#include <string_view>

#include "core/result.h"

namespace glancer::net {

/// Bounded waits: a request never hangs on a silent peer.
struct Timeouts {
  long connect_s = 30;  ///< to establish the connection (CURLOPT_CONNECTTIMEOUT)
  long stall_s = 120;   ///< abort when no byte moves for this long (below 1 byte/s)
};

/// How to check the server's certificate, and the client's own (clouds.yaml verify, cacert,
/// cert, key).
struct TlsOptions {
  bool verify = true;  ///< false: neither the peer's certificate nor its host name is checked
  std::string cacert;  ///< CA bundle path; empty: libcurl's default
  std::string cert;    ///< client certificate path; empty: none
  std::string key;     ///< client key path; empty: none
};

/// One libcurl easy handle and its error buffer, cleaned up on destruction. The first one
/// initialises libcurl for the process (thread-safe). Movable, not copyable.
class CurlEasy {
 public:
  /// A new handle; get() is null if libcurl could not create one.
  CurlEasy();
  ~CurlEasy();
  CurlEasy(CurlEasy&& other) noexcept;
  CurlEasy& operator=(CurlEasy&& other) noexcept;
  CurlEasy(const CurlEasy&) = delete;
  CurlEasy& operator=(const CurlEasy&) = delete;

  /// The handle, for the client's own curl_easy_setopt / perform calls.
  CURL* get() const { return m_handle; }
  explicit operator bool() const { return m_handle != nullptr; }

  /// Forgets every option (curl_easy_reset) but keeps open connections, for handle reuse.
  void reset();
  /// Sets `url` and what every glancer request shares: no signals (clients run threads),
  /// `timeouts`, and the error buffer (cleared) that error_detail() reads.
  void set_common(const std::string& url, const Timeouts& timeouts);
  /// Sets TLS verification and the client certificate from `tls`.
  void set_tls(const TlsOptions& tls);

  /// The HTTP status of the last response received; 0 when none arrived.
  long response_code() const;
  /// libcurl's message for the failed transfer `rc`: the error buffer when filled, else
  /// curl_easy_strerror(rc).
  std::string error_detail(CURLcode rc) const;

 private:
  CURL* m_handle = nullptr;
  std::unique_ptr<char[]> m_errbuf;  // on the heap: libcurl keeps its address across moves
};

/// "METHOD URL" with the URL's secrets redacted (core/redact.h): how errors name a request.
std::string describe(std::string_view method, std::string_view url);

/// The error of a transfer libcurl failed with `rc`: timeout for CURLE_OPERATION_TIMEDOUT,
/// else transport; the message is "<what>: <handle.error_detail(rc)>".
Error transfer_error(const std::string& what, const CurlEasy& handle, CURLcode rc);

/// The error of an HTTP `status` >= 300 where the client treats a refusal as a failure:
/// not_found for 404, else transport; "<what>: the server answered HTTP <status>".
Error status_error(const std::string& what, long status);

}  // namespace glancer::net
