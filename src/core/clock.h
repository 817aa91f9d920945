#pragma once
/// Time, injectable so tests are deterministic.

#include <chrono>
#include <string>

namespace glancer {

/// UTC time in Glance's format, "2026-11-26T18:59:48Z".
std::string format_utc(std::chrono::system_clock::time_point t);
/// format_utc(now).
std::string utc_now();
/// Now with milliseconds, "2026-11-26T18:59:48.123Z": sorts events less than a second apart.
std::string utc_now_millis();

}  // namespace glancer
