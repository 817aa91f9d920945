#include "cloud/keystone.h"

#include <ctime>
#include <random>
#include <regex>

namespace glancer {

namespace {

nlohmann::json named(const std::string& id, const std::string& name, const nlohmann::json& domain) {
  nlohmann::json j = nlohmann::json::object();
  if (!id.empty()) {
    j["id"] = id;
  } else {
    j["name"] = name;
    if (!domain.empty()) j["domain"] = domain;
  }
  return j;
}

nlohmann::json domain_of(const std::string& id, const std::string& name) {
  if (!id.empty()) return {{"id", id}};
  if (!name.empty()) return {{"name", name}};
  return nlohmann::json::object();
}

nlohmann::json user_of(const AuthConfig& a) {
  return named(a.user_id, a.username, domain_of(a.user_domain_id, a.user_domain_name));
}

std::string keystone_message(const HttpResponse& r) {
  auto j = nlohmann::json::parse(r.body, nullptr, false);
  if (!j.is_discarded() && j.contains("error") && j["error"].is_object())
    return j["error"].value("message", "");
  return r.body.substr(0, 200);
}

}  // namespace

nlohmann::json keystone_auth_body(const CloudConfig& cloud) {
  const AuthConfig& a = cloud.auth;
  nlohmann::json identity;
  switch (cloud.auth_kind) {
    case AuthKind::application_credential: {
      nlohmann::json cred = {{"secret", a.application_credential_secret}};
      if (!a.application_credential_id.empty()) {
        cred["id"] = a.application_credential_id;
      } else {
        cred["name"] = a.application_credential_name;
        cred["user"] = user_of(a);
      }
      identity = {{"methods", {"application_credential"}}, {"application_credential", cred}};
      return {{"auth", {{"identity", identity}}}};
    }
    case AuthKind::token: identity = {{"methods", {"token"}}, {"token", {{"id", a.token}}}}; break;
    default: {
      nlohmann::json user = user_of(a);
      user["password"] = a.password;
      identity = {{"methods", {"password"}}, {"password", {{"user", user}}}};
    }
  }
  nlohmann::json project =
      named(a.project_id, a.project_name, domain_of(a.project_domain_id, a.project_domain_name));
  return {{"auth", {{"identity", identity}, {"scope", {{"project", project}}}}}};
}

std::string identity_v3_url(const std::string& auth_url) {
  std::string u = auth_url;
  while (!u.empty() && u.back() == '/') u.pop_back();
  if (std::regex_search(u, std::regex("/v3(\\.[0-9]+)?$"))) return u;
  return u + "/v3";
}

std::string strip_version_suffix(const std::string& url) {
  std::string u = url;
  while (!u.empty() && u.back() == '/') u.pop_back();
  static const std::regex version("/v[0-9]+(\\.[0-9]+)?$");
  u = std::regex_replace(u, version, "");
  while (!u.empty() && u.back() == '/') u.pop_back();
  return u;
}

Result<std::string> find_catalog_endpoint(const nlohmann::json& catalog,
                                          const std::string& service_type,
                                          const std::string& interface, const std::string& region) {
  std::string want = interface;
  if (want.size() > 3 && want.compare(want.size() - 3, 3, "URL") == 0) want.resize(want.size() - 3);
  if (!catalog.is_array()) return fail(ErrorCode::not_found, "the token has no service catalog");
  bool service_found = false;
  for (const auto& svc : catalog) {
    if (svc.value("type", "") != service_type) continue;
    service_found = true;
    for (const auto& ep : svc.value("endpoints", nlohmann::json::array())) {
      std::string iface = ep.value("interface", "");
      if (iface.size() > 3 && iface.compare(iface.size() - 3, 3, "URL") == 0)
        iface.resize(iface.size() - 3);
      if (iface != want) continue;
      if (!region.empty() && ep.value("region_id", "") != region &&
          ep.value("region", "") != region)
        continue;
      return ep.value("url", "");
    }
  }
  if (!service_found)
    return fail(ErrorCode::not_found, "the service catalog has no `" + service_type + "` service");
  return fail(ErrorCode::not_found, "the service catalog has no " + want + " `" + service_type +
                                        "` endpoint" +
                                        (region.empty() ? "" : " in region " + region));
}

std::optional<std::chrono::system_clock::time_point> parse_keystone_time(const std::string& text) {
  std::tm tm{};
  int y, mo, d, h, mi, s;
  if (std::sscanf(text.c_str(), "%d-%d-%dT%d:%d:%d", &y, &mo, &d, &h, &mi, &s) != 6)
    return std::nullopt;
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = s;
  return std::chrono::system_clock::from_time_t(timegm(&tm));
}

KeystoneAuth::KeystoneAuth(CloudConfig cloud, HttpTransport& transport, const Clock& clock,
                           RetryPolicy retry)
    : m_cloud(std::move(cloud)),
      m_transport(transport),
      m_clock(clock),
      m_retry(std::move(retry)) {}

Result<HttpResponse> KeystoneAuth::request_token(const HttpRequest& req) {
  std::mt19937_64 rng(std::random_device{}());
  for (int attempt = 1;; ++attempt) {
    auto sent = m_transport.send(req);
    const bool transient = sent ? retryable_status(sent->status) : retryable_error(sent.error());
    if (!transient || attempt >= m_retry.max_attempts) return sent;
    m_retry.wait(m_retry.delay(attempt, sent ? sent->header("Retry-After") : "", rng));
  }
}

Status KeystoneAuth::authenticate() {
  HttpRequest req;
  req.method = "POST";
  req.url = identity_v3_url(m_cloud.auth.auth_url) + "/auth/tokens";
  req.headers = {"Content-Type: application/json", "Accept: application/json"};
  req.body = keystone_auth_body(m_cloud).dump();
  const std::string what = "cloud `" + m_cloud.name + "`: authentication failed: POST " + req.url;
  auto sent = request_token(req);
  if (!sent)
    return fail(sent.error().code, "cloud `" + m_cloud.name + "`: " + sent.error().message);
  const HttpResponse& r = *sent;
  if (r.status != 201 && r.status != 200) {
    ErrorCode code = r.status == 401   ? ErrorCode::unauthorized
                     : r.status == 403 ? ErrorCode::forbidden
                     : r.status == 404 ? ErrorCode::not_found
                     : r.status >= 500 ? ErrorCode::transport
                                       : ErrorCode::invalid_argument;
    std::string msg = keystone_message(r);
    std::string status = std::to_string(r.status) + (r.status == 401   ? " Unauthorized"
                                                     : r.status == 403 ? " Forbidden"
                                                     : r.status == 404 ? " Not Found"
                                                                       : "");
    return fail(code, what + ": " + status + (msg.empty() ? "" : ": " + msg));
  }
  std::string token = r.header("X-Subject-Token");
  auto body = nlohmann::json::parse(r.body, nullptr, false);
  if (token.empty() || body.is_discarded() || !body.contains("token"))
    return fail(ErrorCode::transport, what + ": the response has no token");
  m_token = token;
  if (m_on_token) m_on_token(token);
  auto expires = parse_keystone_time(body["token"].value("expires_at", ""));
  m_expires = expires ? *expires : m_clock.now() + std::chrono::hours(1);
  m_catalog = body["token"].value("catalog", nlohmann::json::array());
  const auto& project = body["token"].value("project", nlohmann::json::object());
  m_project = project.is_object() ? project.value("id", "") : "";
  return {};
}

Result<std::string> KeystoneAuth::token() {
  std::lock_guard lock(m_mutex);
  if (m_token.empty() || m_clock.now() + k_token_refresh_margin >= m_expires)
    GLANCER_CHECK(authenticate());
  return m_token;
}

void KeystoneAuth::invalidate() {
  std::lock_guard lock(m_mutex);
  m_token.clear();
}

Result<std::string> KeystoneAuth::image_endpoint() {
  if (!m_cloud.image_endpoint_override.empty())
    return strip_version_suffix(m_cloud.image_endpoint_override);
  GLANCER_TRY(tok, token());
  (void)tok;
  std::lock_guard lock(m_mutex);
  auto url = find_catalog_endpoint(m_catalog, "image", m_cloud.interface, m_cloud.region_name);
  if (!url) return fail(url.error().code, "cloud `" + m_cloud.name + "`: " + url.error().message);
  return strip_version_suffix(*url);
}

std::string KeystoneAuth::project_id() {
  std::lock_guard lock(m_mutex);
  return m_project;
}

std::unique_ptr<Authenticator> make_authenticator(const CloudConfig& cloud,
                                                  HttpTransport& transport, RetryPolicy retry,
                                                  const Clock& clock) {
  std::string endpoint =
      cloud.image_endpoint_override.empty() ? cloud.auth.endpoint : cloud.image_endpoint_override;
  if (cloud.auth_kind == AuthKind::none)
    return std::make_unique<StaticAuth>("", endpoint, cloud.auth.project_id);
  if (cloud.auth_kind == AuthKind::admin_token)
    return std::make_unique<StaticAuth>(cloud.auth.token, endpoint, cloud.auth.project_id);
  return std::make_unique<KeystoneAuth>(cloud, transport, clock, std::move(retry));
}

}  // namespace glancer
