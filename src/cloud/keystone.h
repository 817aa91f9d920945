#pragma once
/// Keystone v3: token requests, the service catalog, and the token's lifetime. The pure pieces
/// (request body, catalog lookup, URL handling) are free functions so unit tests need no server.

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>

#include "cloud/cloud_config.h"
#include "cloud/http_transport.h"
#include "core/clock.h"
#include "core/result.h"
#include "core/retry.h"

namespace glancer {

/// A token is renewed when less than this remains of its life.
inline constexpr std::chrono::seconds k_token_refresh_margin{120};

/// The body of POST /v3/auth/tokens for the cloud's auth kind (password, application
/// credential, token). Application credentials are sent without a scope (Keystone refuses one).
nlohmann::json keystone_auth_body(const CloudConfig& cloud);

/// The v3 base of an auth_url: "http://h:5000" → "http://h:5000/v3"; "…/v3/" → "…/v3".
std::string identity_v3_url(const std::string& auth_url);

/// The unversioned base of an endpoint: a trailing "vN" or "vN.M" segment and slashes are
/// removed ("http://h/image/v2/" → "http://h/image").
std::string strip_version_suffix(const std::string& url);

/// The URL of `service_type` in a v3 catalog for `interface` ("public", also "publicURL") and
/// `region` (empty: the first endpoint of that interface). not_found names what was missing.
Result<std::string> find_catalog_endpoint(const nlohmann::json& catalog,
                                          const std::string& service_type,
                                          const std::string& interface, const std::string& region);

/// Parses Keystone's "2026-11-26T18:59:48.000000Z"; nullopt if malformed.
std::optional<std::chrono::system_clock::time_point> parse_keystone_time(const std::string& text);

/// Supplies the token and the image endpoint to HttpImageService. Thread-safe.
class Authenticator {
 public:
  virtual ~Authenticator() = default;
  /// A valid token ("" when the cloud needs none); renews it before it expires.
  virtual Result<std::string> token() = 0;
  /// Forgets the token so the next token() asks for a new one (after a 401).
  virtual void invalidate() = 0;
  /// The unversioned image endpoint (image_endpoint_override, auth.endpoint or the catalog).
  virtual Result<std::string> image_endpoint() = 0;
  /// The project the caller acts for (the last token's scope); empty when unknown.
  virtual std::string project_id() { return {}; }
};

/// Keystone v3 authentication for password, application-credential and token clouds. A token
/// request that meets a transport error, a timeout or 429/500/502/503/504 is sent again under
/// `retry` (asking for another token is harmless); a refusal (401, 403, 404, 400) is final.
class KeystoneAuth : public Authenticator {
 public:
  /// `transport` and `clock` (token expiry) must outlive this object.
  KeystoneAuth(CloudConfig cloud, HttpTransport& transport, const Clock& clock = system_clock(),
               RetryPolicy retry = {});

  Result<std::string> token() override;
  void invalidate() override;
  Result<std::string> image_endpoint() override;
  /// The project of the token's scope (token.project.id), once a token was issued.
  std::string project_id() override;

  /// Called with every new token (so logs can scrub it).
  void on_new_token(std::function<void(const std::string&)> hook) { m_on_token = std::move(hook); }

 private:
  Status authenticate();  // requires m_mutex
  /// POST /v3/auth/tokens until an answer that is not transient, or the attempts run out.
  Result<HttpResponse> request_token(const HttpRequest& req);

  CloudConfig m_cloud;
  HttpTransport& m_transport;
  const Clock& m_clock;
  RetryPolicy m_retry;
  std::function<void(const std::string&)> m_on_token;
  std::mutex m_mutex;
  std::string m_token;
  std::chrono::system_clock::time_point m_expires;
  nlohmann::json m_catalog;
  std::string m_project;
};

/// No Keystone: auth_type none (no token) or admin_token (a static token), fixed endpoint. The
/// project is what the cloud's auth.project_id says (no token names one), empty if unset.
class StaticAuth : public Authenticator {
 public:
  StaticAuth(std::string token, std::string endpoint, std::string project = {})
      : m_token(std::move(token)),
        m_endpoint(strip_version_suffix(endpoint)),
        m_project(std::move(project)) {}
  Result<std::string> token() override { return m_token; }
  void invalidate() override {}
  Result<std::string> image_endpoint() override { return m_endpoint; }
  std::string project_id() override { return m_project; }

 private:
  std::string m_token;
  std::string m_endpoint;
  std::string m_project;
};

/// The Authenticator the cloud's auth kind calls for; Keystone's token requests retry under
/// `retry`, and its tokens expire by `clock` (which must outlive it).
std::unique_ptr<Authenticator> make_authenticator(const CloudConfig& cloud,
                                                  HttpTransport& transport, RetryPolicy retry = {},
                                                  const Clock& clock = system_clock());

}  // namespace glancer
