#pragma once
/// The dry run: walks a plan's graph in the order an apply would and reports what each action
/// would do, without calling any service or opening any source.

#include "core/clock.h"
#include "exec/action_runner.h"
#include "exec/runner.h"

namespace glancer {

/// Describes each action as steps ("would create …", "would upload from …", "would publish")
/// and returns the id it would produce (the planned new id, or the live id). Refuses what the
/// real action would refuse from the plan alone (deleting a protected image).
class DryRunActionRunner final : public ActionRunner {
 public:
  Result<std::string> run(const Change& change, Phase phase, ApplyObserver& observer) override;
};

/// A SerialRunner over a DryRunActionRunner: the same order and the same done/failed/skipped
/// bookkeeping as an apply, with every action only described.
class DryRunRunner final : public Runner {
 public:
  /// `observer` and `clock` must outlive the runner.
  explicit DryRunRunner(ApplyObserver& observer, const Clock& clock = system_clock())
      : m_observer(observer), m_clock(clock) {}

  Result<ApplyOutcome> apply(const Plan& plan) override;

 private:
  DryRunActionRunner m_actions;
  ApplyObserver& m_observer;
  const Clock& m_clock;
};

}  // namespace glancer
