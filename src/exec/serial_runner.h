#pragma once
/// The runner without threads: one action at a time on the calling thread, in a stable
/// topological order. Unit tests apply plans through it; the dry run walks the graph with it.

#include <atomic>

#include "core/clock.h"
#include "exec/action_runner.h"
#include "exec/runner.h"

namespace glancer {

/// Runs the ready action with the lowest node index, then the next, until none is left.
class SerialRunner final : public Runner {
 public:
  /// `cancel`, when set, is checked before each action: nothing more starts and every change
  /// not yet started is reported as interrupted. All must outlive the runner.
  SerialRunner(ActionRunner& actions, ApplyObserver& observer, const Clock& clock,
               const std::atomic<bool>* cancel = nullptr)
      : m_actions(actions), m_observer(observer), m_clock(clock), m_cancel(cancel) {}

  Result<ApplyOutcome> apply(const Plan& plan) override;

 private:
  ActionRunner& m_actions;
  ApplyObserver& m_observer;
  const Clock& m_clock;
  const std::atomic<bool>* m_cancel;
};

}  // namespace glancer
