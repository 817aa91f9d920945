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

Result<MirrorOptions> mirror_options_from_env() {
  MirrorOptions o;
  GLANCER_CHECK(read_positive("GLANCER_MIRROR_CONNECT_TIMEOUT", o.connect_timeout_s));
  GLANCER_CHECK(read_positive("GLANCER_MIRROR_ANSWER_TIMEOUT", o.answer_timeout_s));
  GLANCER_CHECK(read_positive("GLANCER_MIRROR_STALL_TIMEOUT", o.stall_timeout_s));
  GLANCER_CHECK(read_positive("GLANCER_MIRROR_ATTEMPTS", o.retry.max_attempts));
  return o;
}

}  // namespace glancer
