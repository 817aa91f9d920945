#include "core/mirror_options.h"

#include <cstdlib>
#include <string_view>
#include <type_traits>

namespace glancer {

namespace {

// Reads the positive whole number in environment variable `name` into `out`, if set.
Status read_positive(const char* name, auto& out) {
  const char* text = std::getenv(name);
  if (!text || !*text) return {};
  std::string_view s(text);
  long long value = 0;
  for (char c : s) {
    if (c < '0' || c > '9' || value > 1'000'000)
      return fail(ErrorCode::invalid_argument,
                  std::string(name) + "=" + text + ": not a positive whole number");
    value = value * 10 + (c - '0');
  }
  if (value < 1)
    return fail(ErrorCode::invalid_argument,
                std::string(name) + "=" + text + ": must be at least 1");
  out = static_cast<std::remove_reference_t<decltype(out)>>(value);
  return {};
}

}  // namespace

std::string url_origin(std::string_view url) {
  const size_t scheme = url.find("://");
  const size_t start = scheme == std::string_view::npos ? 0 : scheme + 3;
  return std::string(url.substr(0, url.find_first_of("/?#", start)));
}

std::optional<std::string> UnreachableMirrors::find(std::string_view url) const {
  std::lock_guard lock(m_mutex);
  auto it = m_down.find(url_origin(url));
  if (it == m_down.end()) return std::nullopt;
  return it->second;
}

void UnreachableMirrors::record(std::string_view url, const std::string& reason) {
  std::lock_guard lock(m_mutex);
  m_down.emplace(url_origin(url), reason);
}

Result<MirrorOptions> mirror_options_from_env() {
  MirrorOptions o;
  o.unreachable = std::make_shared<UnreachableMirrors>();
  GLANCER_CHECK(read_positive("GLANCER_MIRROR_CONNECT_TIMEOUT", o.connect_timeout_s));
  GLANCER_CHECK(read_positive("GLANCER_MIRROR_ANSWER_TIMEOUT", o.answer_timeout_s));
  GLANCER_CHECK(read_positive("GLANCER_MIRROR_STALL_TIMEOUT", o.stall_timeout_s));
  GLANCER_CHECK(read_positive("GLANCER_MIRROR_ATTEMPTS", o.retry.max_attempts));
  return o;
}

}  // namespace glancer
