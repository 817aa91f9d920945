#include "core/redact.h"

#include <algorithm>
#include <cctype>

namespace glancer {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

}  // namespace

bool is_secret_key(std::string_view key) {
  const std::string k = lower(key);
  return k.find("password") != std::string::npos || k.find("secret") != std::string::npos ||
         k == "token" || k == "auth_token" || k == "x-auth-token" || k == "x-subject-token" ||
         k == "authorization" || k == "cookie" || k == "set-cookie" || k == "proxy-authorization";
}

std::string redact_url(std::string_view url) {
  std::string out(url);
  // userinfo: between "://" and the first '@' before the first '/', '?' or '#' of the authority.
  if (size_t scheme = out.find("://"); scheme != std::string::npos) {
    size_t start = scheme + 3;
    size_t end = out.find_first_of("/?#", start);
    if (end == std::string::npos) end = out.size();
    size_t at = out.rfind('@', end);
    if (at != std::string::npos && at >= start) out.replace(start, at - start, k_redacted);
  }
  // secret-named query parameters
  size_t q = out.find('?');
  if (q == std::string::npos) return out;
  std::string result = out.substr(0, q + 1);
  size_t pos = q + 1;
  while (pos <= out.size()) {
    size_t amp = out.find('&', pos);
    if (amp == std::string::npos) amp = out.size();
    std::string_view param(out.data() + pos, amp - pos);
    size_t eq = param.find('=');
    if (eq != std::string_view::npos && is_secret_key(param.substr(0, eq)))
      result += std::string(param.substr(0, eq + 1)) + std::string(k_redacted);
    else
      result += param;
    if (amp < out.size()) result += '&';
    pos = amp + 1;
  }
  return result;
}

nlohmann::json redact_json(const nlohmann::json& value) {
  if (value.is_array()) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& v : value) out.push_back(redact_json(v));
    return out;
  }
  if (!value.is_object()) return value;
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [k, v] : value.items()) {
    if (is_secret_key(k) && !v.is_object()) {
      out[k] = k_redacted;
    } else if (lower(k) == "token" && v.is_object()) {
      nlohmann::json t = redact_json(v);
      if (t.contains("id")) t["id"] = k_redacted;
      out[k] = std::move(t);
    } else {
      out[k] = redact_json(v);
    }
  }
  return out;
}

std::string redact_header(std::string_view line) {
  size_t colon = line.find(':');
  if (colon == std::string_view::npos) return std::string(line);
  std::string_view name = line.substr(0, colon);
  if (!is_secret_key(name)) return std::string(line);
  return std::string(name) + ": " + std::string(k_redacted);
}

std::string redact_known(std::string text, const std::vector<std::string>& secrets) {
  for (const std::string& s : secrets) {
    if (s.empty()) continue;
    for (size_t pos = text.find(s); pos != std::string::npos; pos = text.find(s, pos))
      text.replace(pos, s.size(), k_redacted);
  }
  return text;
}

}  // namespace glancer
