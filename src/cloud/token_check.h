#pragma once
/// Validating other users' Keystone tokens, as keystonemiddleware does for a service:
/// GET /v3/auth/tokens with the service's own token in X-Auth-Token and the caller's in
/// X-Subject-Token. Answers are cached by the token's SHA-256 (never the token itself) until
/// the token expires, for at most a bounded time, in a bounded table.

#include <chrono>
#include <cstddef>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "cloud/http_transport.h"
#include "cloud/keystone.h"
#include "core/clock.h"
#include "core/result.h"

namespace glancer {

/// Who a valid token speaks for.
struct TokenInfo {
  std::string user_id;
  std::string project_id;          ///< empty for a token without a project scope
  std::vector<std::string> roles;  ///< role names, lowercase as Keystone gives them
  std::chrono::system_clock::time_point expires_at;

  /// True when `roles` holds `role`.
  bool has_role(const std::string& role) const;
};

/// Parses Keystone's GET /v3/auth/tokens body; invalid_argument if it is not a token.
Result<TokenInfo> parse_token_body(const nlohmann::json& body);

/// Validates a caller's token. Errors: unauthorized (missing, invalid, expired or revoked
/// token); transport or timeout when the identity service cannot answer (never a pass).
class TokenValidator {
 public:
  virtual ~TokenValidator() = default;
  virtual Result<TokenInfo> validate(const std::string& token) = 0;
};

/// Settings of KeystoneTokenValidator.
struct TokenCacheLimits {
  std::chrono::seconds max_age{120};  ///< an answer is reused at most this long
  size_t max_entries = 4096;          ///< beyond, expired answers go, then all of them
};

/// TokenValidator over a Keystone v3 service. Thread-safe.
class KeystoneTokenValidator : public TokenValidator {
 public:
  /// `service` supplies the service's own token (and renews it); `identity_url` is Keystone's
  /// v3 base ("http://h:5000/v3"). `transport`, `service` and `clock` must outlive this object.
  KeystoneTokenValidator(HttpTransport& transport, Authenticator& service, std::string identity_url,
                         const Clock& clock = system_clock(), TokenCacheLimits limits = {});
  Result<TokenInfo> validate(const std::string& token) override;

 private:
  /// Asks Keystone; retries once with a fresh service token when Keystone refuses ours.
  Result<TokenInfo> ask_keystone(const std::string& token);

  HttpTransport& m_transport;
  Authenticator& m_service;
  std::string m_identity_url;
  const Clock& m_clock;
  TokenCacheLimits m_limits;
  struct Cached {
    TokenInfo info;
    std::chrono::system_clock::time_point until;
  };
  std::mutex m_mutex;
  std::map<std::string, Cached> m_cache;  // key: sha256 of the token
};

}  // namespace glancer
