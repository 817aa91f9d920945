#pragma once
/// Applies a plan to an ImageService for the CLI: the production assembly of the exec parts
/// (ParallelRunner over a ServiceActionRunner reading sources through SystemSourceOpener).

#include <atomic>
#include <chrono>

#include "core/clock.h"
#include "core/mirror_options.h"
#include "exec/parallel_runner.h"
#include "exec/service_action_runner.h"
#include "exec/system_source_opener.h"
#include "glance/image_service.h"
#include "plan/apply_observer.h"
#include "plan/plan.h"

namespace glancer {

/// How much runs at once, and how long an import may take.
struct ExecutorOptions {
  int parallelism = 4;  ///< actions at once
  int uploads = 2;      ///< of which at most this many upload data
  /// How long a web-download import may take before it counts as failed.
  std::chrono::seconds import_timeout{3600};
  /// Timeouts, retries and retry notices of downloads from upstream mirrors.
  MirrorOptions mirror;
};

/// Runs the actions of a plan in dependency order, several at a time (see ParallelRunner and
/// ServiceActionRunner for what each action does and how failures are contained).
class Executor {
 public:
  /// `interrupt`, when set (the first Ctrl-C), stops the executor from starting further
  /// actions; running ones finish. `abort`, when set (the second Ctrl-C), makes running
  /// transfers fail at their next read, and their actions remove the images they created.
  /// Everything given must outlive the executor.
  Executor(ImageService& service, ApplyObserver& observer, ExecutorOptions options = {},
           const std::atomic<bool>* interrupt = nullptr, const std::atomic<bool>* abort = nullptr,
           const Clock& clock = system_clock())
      : m_opener(options.mirror),
        m_actions(service, m_opener, clock, ActionOptions{options.import_timeout}, abort),
        m_runner(m_actions, observer, clock, RunnerOptions{options.parallelism, options.uploads},
                 interrupt) {}

  /// Applies every change of `plan` that is not a no-op; fails only if the graph cannot be
  /// built (a cycle). Per-change failures are counted in the outcome.
  Result<ApplyOutcome> apply(const Plan& plan) { return m_runner.apply(plan); }

 private:
  SystemSourceOpener m_opener;
  ServiceActionRunner m_actions;
  ParallelRunner m_runner;
};

}  // namespace glancer
