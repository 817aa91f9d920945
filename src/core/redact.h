#pragma once
/// Redaction of secrets before anything is printed or logged: passwords, tokens,
/// application-credential secrets and URLs' userinfo never leave the process.

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace glancer {

/// What replaces a secret in output.
inline constexpr std::string_view k_redacted = "***";

/// True for keys whose values are secrets: anything containing "password" or "secret",
/// "token", "id" inside a token object is handled by redact_json; also credential headers
/// (X-Auth-Token, X-Subject-Token, Authorization, Cookie). Case-insensitive.
bool is_secret_key(std::string_view key);

/// The URL with any userinfo ("user:pass@") replaced by "***@" and the values of secret-named
/// query parameters (see is_secret_key) replaced by "***".
std::string redact_url(std::string_view url);

/// A copy of `value` with every secret-named key's value replaced by "***", recursively;
/// in an object under the key "token" (Keystone's token auth method) "id" is redacted too.
nlohmann::json redact_json(const nlohmann::json& value);

/// "Name: value" with the value replaced by "***" when the header name is secret.
std::string redact_header(std::string_view line);

/// `text` with every occurrence of each non-empty string in `secrets` replaced by "***":
/// the last line of defence for known secret values in free text.
std::string redact_known(std::string text, const std::vector<std::string>& secrets);

}  // namespace glancer
