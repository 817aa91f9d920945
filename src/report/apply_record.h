#pragma once
/// What happened to each change of an apply, kept for the final reports (Markdown, JUnit),
/// and a fan-out so several views watch one executor.

#include <chrono>
#include <string>
#include <vector>

#include "core/clock.h"
#include "plan/apply_observer.h"
#include "plan/plan.h"

namespace glancer {

/// The end state of one change.
struct ChangeOutcome {
  enum class State { not_run, done, failed, skipped };
  State state = State::not_run;  ///< not_run: a no-op, or the apply stopped before it
  std::string image_id;          ///< done: the image produced or touched
  double seconds = 0;            ///< from the first step to done or failed
  std::string message;           ///< failed: the error; skipped: why
  std::string last_step;         ///< failed: the step it was in
};

/// Records every change's outcome, indexed like plan.changes. The executor calls observers
/// one at a time (under its own lock), so no locking is needed here.
class ApplyRecorder : public ApplyObserver {
 public:
  /// `plan` must outlive the recorder and be the plan the executor applies; durations are read
  /// from `clock`'s steady time.
  explicit ApplyRecorder(const Plan& plan, const Clock& clock = system_clock());
  void on_step(const Change& change, const std::string& step) override;
  void on_progress(const Change&, uint64_t, std::optional<uint64_t>) override {}
  void on_done(const Change& change, const std::string& image_id, double seconds) override;
  void on_failed(const Change& change, const Error& error) override;
  void on_skipped(const Change& change, const std::string& why) override;

  const Plan& plan() const { return m_plan; }
  /// One outcome per plan change, in plan order.
  const std::vector<ChangeOutcome>& outcomes() const { return m_outcomes; }

 private:
  ChangeOutcome* find(const Change& change);
  double elapsed(size_t index) const;

  const Plan& m_plan;
  std::vector<ChangeOutcome> m_outcomes;
  const Clock& m_clock;
  std::vector<std::chrono::steady_clock::time_point> m_started;
};

/// Forwards every event to each observer in turn.
class ObserverFanout : public ApplyObserver {
 public:
  explicit ObserverFanout(std::vector<ApplyObserver*> observers)
      : m_observers(std::move(observers)) {}
  void on_step(const Change& c, const std::string& step) override;
  void on_progress(const Change& c, uint64_t bytes, std::optional<uint64_t> total) override;
  void on_done(const Change& c, const std::string& image_id, double seconds) override;
  void on_failed(const Change& c, const Error& error) override;
  void on_skipped(const Change& c, const std::string& why) override;
  void on_interrupt(int running, int not_started) override;

 private:
  std::vector<ApplyObserver*> m_observers;
};

}  // namespace glancer
