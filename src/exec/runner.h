#pragma once
/// A runner applies a whole plan: it owns the order (through ApplyTracker and the Scheduler)
/// and hands each action to an ActionRunner. Serial, parallel and dry-run are runners.

#include "core/result.h"
#include "plan/apply_observer.h"
#include "plan/plan.h"

namespace glancer {

/// Applies plans, reporting every change's outcome through an ApplyObserver.
class Runner {
 public:
  virtual ~Runner() = default;
  /// Runs every change of `plan` that is not a no-op in dependency order; fails only if the
  /// graph cannot be built (a cycle). Each change is reported done, failed or skipped exactly
  /// once; a failure skips what depends on it and independent changes go on.
  virtual Result<ApplyOutcome> apply(const Plan& plan) = 0;
};

}  // namespace glancer
