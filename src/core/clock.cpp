#include "core/clock.h"

#include <cstdio>
#include <ctime>

namespace glancer {

const Clock& system_clock() {
  static const SystemClock clock;
  return clock;
}

std::string format_utc(std::chrono::system_clock::time_point t) {
  std::time_t tt = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string format_utc_millis(std::chrono::system_clock::time_point t) {
  auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count() % 1000;
  std::string s = format_utc(t);
  char frac[8];
  std::snprintf(frac, sizeof frac, ".%03d", static_cast<int>(ms));
  return s.insert(s.size() - 1, frac);
}

std::string utc_now(const Clock& clock) {
  return format_utc(clock.now());
}

std::string utc_now_millis(const Clock& clock) {
  return format_utc_millis(clock.now());
}

}  // namespace glancer
