#pragma once
/// An ApplyObserver that may be called from several threads: it forwards one event at a time,
/// so views and recorders need no locking of their own.

#include <mutex>

#include "plan/apply_observer.h"

namespace glancer {

/// Forwards every event to `inner` under one mutex.
class SerializedObserver final : public ApplyObserver {
 public:
  /// `inner` must outlive this object.
  explicit SerializedObserver(ApplyObserver& inner) : m_inner(inner) {}

  void on_step(const Change& change, const std::string& step) override {
    std::lock_guard lock(m_mutex);
    m_inner.on_step(change, step);
  }
  void on_progress(const Change& change, uint64_t bytes, std::optional<uint64_t> total) override {
    std::lock_guard lock(m_mutex);
    m_inner.on_progress(change, bytes, total);
  }
  void on_done(const Change& change, const std::string& image_id, double seconds) override {
    std::lock_guard lock(m_mutex);
    m_inner.on_done(change, image_id, seconds);
  }
  void on_failed(const Change& change, const Error& error) override {
    std::lock_guard lock(m_mutex);
    m_inner.on_failed(change, error);
  }
  void on_skipped(const Change& change, const std::string& why) override {
    std::lock_guard lock(m_mutex);
    m_inner.on_skipped(change, why);
  }
  void on_interrupt(int running, int not_started) override {
    std::lock_guard lock(m_mutex);
    m_inner.on_interrupt(running, not_started);
  }

 private:
  ApplyObserver& m_inner;
  std::mutex m_mutex;
};

}  // namespace glancer
