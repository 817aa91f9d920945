#pragma once
/// The production runner: worker threads run ready actions several at a time, with a separate
/// bound on the actions that move image data.

#include <atomic>

#include "core/clock.h"
#include "exec/action_runner.h"
#include "exec/runner.h"

namespace glancer {

/// How much runs at once.
struct RunnerOptions {
  int parallelism = 4;  ///< actions at once
  int uploads = 2;      ///< of which at most this many move image data
};

/// Runs the plan on min(parallelism, actions) threads, each taking the next ready action
/// (lowest node index first). Observer events arrive one at a time (SerializedObserver).
class ParallelRunner final : public Runner {
 public:
  /// `cancel`, when set (Ctrl-C), stops the runner from starting further actions; running ones
  /// finish or clean up. All must outlive the runner.
  ParallelRunner(ActionRunner& actions, ApplyObserver& observer, const Clock& clock,
                 RunnerOptions options = {}, const std::atomic<bool>* cancel = nullptr)
      : m_actions(actions),
        m_observer(observer),
        m_clock(clock),
        m_options(options),
        m_cancel(cancel) {}

  Result<ApplyOutcome> apply(const Plan& plan) override;

 private:
  ActionRunner& m_actions;
  ApplyObserver& m_observer;
  const Clock& m_clock;
  RunnerOptions m_options;
  const std::atomic<bool>* m_cancel;
};

}  // namespace glancer
