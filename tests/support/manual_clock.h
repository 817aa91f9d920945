#pragma once
/// Clocks for tests: one that moves only when told, one that ticks a second per reading.

#include <chrono>
#include <mutex>

#include "core/clock.h"

namespace glancer::testing {

/// Starts at 2026-01-01T00:00:00Z (steady time at its epoch); safe to read from any thread.
class ManualClock final : public Clock {
 public:
  ManualClock() = default;
  /// Starts at `start` instead.
  explicit ManualClock(std::chrono::system_clock::time_point start) : m_wall(start) {}

  std::chrono::system_clock::time_point now() const override {
    std::lock_guard lock(m_mutex);
    return m_wall;
  }
  std::chrono::steady_clock::time_point steady_now() const override {
    std::lock_guard lock(m_mutex);
    return m_steady;
  }
  /// Moves both clocks forward by `d`.
  template <class Rep, class Period>
  void advance(std::chrono::duration<Rep, Period> d) {
    std::lock_guard lock(m_mutex);
    const auto step = std::chrono::duration_cast<std::chrono::nanoseconds>(d);
    m_wall += std::chrono::duration_cast<std::chrono::system_clock::duration>(step);
    m_steady += std::chrono::duration_cast<std::chrono::steady_clock::duration>(step);
  }

 private:
  mutable std::mutex m_mutex;
  std::chrono::system_clock::time_point m_wall{
      std::chrono::sys_days{std::chrono::year{2026} / std::chrono::January / 1}};
  std::chrono::steady_clock::time_point m_steady{};
};

/// Starts at 2026-01-01T00:00:00Z and moves one second forward after every wall-time reading,
/// so each reading is distinct; steady time stands still.
class TickingClock final : public Clock {
 public:
  std::chrono::system_clock::time_point now() const override {
    std::lock_guard lock(m_mutex);
    return m_wall + std::chrono::seconds(m_readings++);
  }
  std::chrono::steady_clock::time_point steady_now() const override { return {}; }

 private:
  mutable std::mutex m_mutex;
  mutable int m_readings = 0;
  std::chrono::system_clock::time_point m_wall{
      std::chrono::sys_days{std::chrono::year{2026} / std::chrono::January / 1}};
};

}  // namespace glancer::testing
