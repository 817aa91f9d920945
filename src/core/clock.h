#pragma once
/// Time: the one `Clock` interface every reader of time is given, so tests are deterministic.

#include <chrono>
#include <string>

namespace glancer {

/// Where time is read. Wall time is for what is stored or shown (Glance's timestamps, release
/// labels, event times); steady time for durations and deadlines. Injected through
/// constructors; `SystemClock` is the real one, tests use a clock they move by hand.
class Clock {
 public:
  virtual ~Clock() = default;
  /// The current UTC wall time.
  virtual std::chrono::system_clock::time_point now() const = 0;
  /// A monotonic time for durations and deadlines; never goes back.
  virtual std::chrono::steady_clock::time_point steady_now() const = 0;
};

/// The machine's clocks.
class SystemClock final : public Clock {
 public:
  std::chrono::system_clock::time_point now() const override {
    return std::chrono::system_clock::now();
  }
  std::chrono::steady_clock::time_point steady_now() const override {
    return std::chrono::steady_clock::now();
  }
};

/// The process's SystemClock, for components built without an injected clock. It holds no
/// state, so sharing it is safe from any thread.
const Clock& system_clock();

/// UTC time in Glance's format, "2026-11-26T18:59:48Z".
std::string format_utc(std::chrono::system_clock::time_point t);
/// With milliseconds, "2026-11-26T18:59:48.123Z": sorts events less than a second apart.
std::string format_utc_millis(std::chrono::system_clock::time_point t);
/// format_utc(clock.now()).
std::string utc_now(const Clock& clock = system_clock());
/// format_utc_millis(clock.now()).
std::string utc_now_millis(const Clock& clock = system_clock());

}  // namespace glancer
