#include "cloud/token_check.h"

#include <algorithm>

#include "core/hashing.h"

namespace glancer {

namespace {

std::string token_key(const std::string& token) {
  Hasher hasher(HashAlgo::sha256);
  hasher.update(token.data(), token.size());
  return hasher.finish();
}

}  // namespace

bool TokenInfo::has_role(const std::string& role) const {
  return std::find(roles.begin(), roles.end(), role) != roles.end();
}

Result<TokenInfo> parse_token_body(const nlohmann::json& body) {
  if (!body.is_object() || !body.contains("token") || !body["token"].is_object())
    return fail(ErrorCode::invalid_argument, "the identity service's answer holds no token");
  const auto& t = body["token"];
  TokenInfo info;
  auto expires = parse_keystone_time(t.value("expires_at", ""));
  if (!expires)
    return fail(ErrorCode::invalid_argument, "the identity service's token has no expires_at");
  info.expires_at = *expires;
  if (t.contains("user") && t["user"].is_object()) info.user_id = t["user"].value("id", "");
  if (t.contains("project") && t["project"].is_object())
    info.project_id = t["project"].value("id", "");
  if (t.contains("roles") && t["roles"].is_array())
    for (const auto& role : t["roles"])
      if (role.is_object() && role.contains("name") && role["name"].is_string())
        info.roles.push_back(role["name"].get<std::string>());
  return info;
}

KeystoneTokenValidator::KeystoneTokenValidator(HttpTransport& transport, Authenticator& service,
                                               std::string identity_url, const Clock& clock,
                                               TokenCacheLimits limits)
    : m_transport(transport),
      m_service(service),
      m_identity_url(std::move(identity_url)),
      m_clock(clock),
      m_limits(limits) {}

Result<TokenInfo> KeystoneTokenValidator::validate(const std::string& token) {
  if (token.empty()) return fail(ErrorCode::unauthorized, "no X-Auth-Token");
  const std::string key = token_key(token);
  const auto now = m_clock.now();
  {
    std::lock_guard lock(m_mutex);
    auto it = m_cache.find(key);
    if (it != m_cache.end()) {
      if (now < it->second.until) return it->second.info;
      m_cache.erase(it);
    }
  }
  GLANCER_TRY(info, ask_keystone(token));
  if (info.expires_at <= now) return fail(ErrorCode::unauthorized, "the token has expired");
  const auto until = std::min(info.expires_at, now + m_limits.max_age);
  std::lock_guard lock(m_mutex);
  if (m_cache.size() >= m_limits.max_entries)
    std::erase_if(m_cache, [&](const auto& entry) { return entry.second.until <= now; });
  if (m_cache.size() >= m_limits.max_entries) m_cache.clear();
  m_cache[key] = Cached{info, until};
  return info;
}

Result<TokenInfo> KeystoneTokenValidator::ask_keystone(const std::string& token) {
  for (int attempt = 0; attempt < 2; ++attempt) {
    auto own = m_service.token();
    // The service's own credentials failing is the server's problem, not the caller's.
    if (!own)
      return fail(ErrorCode::transport, "the service cannot authenticate: " + own.error().message);
    HttpRequest request;
    request.url = m_identity_url + "/auth/tokens";
    request.headers = {"X-Auth-Token: " + *own, "X-Subject-Token: " + token,
                       "Accept: application/json"};
    GLANCER_TRY(response, m_transport.send(request));
    if (response.status == 200) {
      auto body = nlohmann::json::parse(response.body, nullptr, false);
      auto info = parse_token_body(body);
      if (!info) return fail(ErrorCode::transport, info.error().message);
      return info;
    }
    // 404: Keystone does not know the token (invalid, expired or revoked).
    if (response.status == 404 || response.status == 400)
      return fail(ErrorCode::unauthorized, "the token is invalid, expired or revoked");
    // 401/403: Keystone refused the service's own token; renew it once.
    if ((response.status == 401 || response.status == 403) && attempt == 0) {
      m_service.invalidate();
      continue;
    }
    return fail(ErrorCode::transport, "the identity service answered " +
                                          std::to_string(response.status) +
                                          " to a token validation");
  }
  return fail(ErrorCode::transport, "the identity service refuses the service's credentials");
}

}  // namespace glancer
