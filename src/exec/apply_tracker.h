#pragma once
/// The bookkeeping every runner shares: which action may start (the Scheduler), and the report
/// of each change — done, failed or skipped, exactly once — with its duration.

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "exec/scheduler.h"
#include "plan/apply_observer.h"
#include "plan/plan.h"

namespace glancer {

/// Tracks one apply of `plan` over its action `graph`. Not thread-safe: a runner with threads
/// calls it under its own lock. A change is reported once: done when all its nodes are done,
/// failed at its first failing node (its dependents skipped with "depends on SET/KEY, which
/// failed"), skipped when interrupted before it started.
class ApplyTracker {
 public:
  /// `plan`, `graph` (built from plan.changes), `observer` and `clock` must outlive the tracker.
  /// Durations run on `clock`'s steady time from a change's first node to its report. A change
  /// that could not be planned and has no node (a kept image, Change::error) is reported
  /// failed here.
  ApplyTracker(const Plan& plan, const ActionGraph& graph, ApplyObserver& observer,
               const Clock& clock);

  /// The first ready node (lowest index) that `may_start(node)` accepts, now running; nullopt
  /// if none (or after interrupt()).
  /// A node of a change that could not be planned (Change::error) is never handed out: it
  /// fails with that error at once, skipping its dependents.
  template <class Pred>
  std::optional<size_t> start_next(Pred may_start) {
    for (;;) {
      auto node = m_scheduler.start_next(may_start);
      if (node && change(*node).error) {
        finish(*node, *change(*node).error);
        continue;
      }
      if (node && m_graph.node(*node).phase == Phase::main)
        m_started[m_graph.node(*node).change] = m_clock.steady_now();
      return node;
    }
  }
  std::optional<size_t> start_next() {
    return start_next([](size_t) { return true; });
  }

  /// The action a node performs.
  const ActionNode& node(size_t n) const { return m_graph.node(n); }
  /// The change a node belongs to.
  const Change& change(size_t n) const { return m_plan.changes[m_graph.node(n).change]; }

  /// Records the result of a running node (the image id, or why it failed) and reports what
  /// that decides: the change done, or failed and its dependents skipped.
  void finish(size_t node, const Result<std::string>& result);
  /// Starts nothing more: reports on_interrupt (the changes running, the changes not started),
  /// then every change not yet started as skipped, "apply was interrupted", and marks the
  /// outcome interrupted. Running nodes still finish(). A repeat does nothing.
  void interrupt();

  bool interrupted() const { return m_interrupted; }
  /// True when nothing is running and nothing can start.
  bool finished() const { return m_scheduler.finished(); }
  /// The counts so far; final once finished().
  const ApplyOutcome& outcome() const { return m_outcome; }

 private:
  void report_skipped(const std::vector<size_t>& nodes, const std::string& why);

  const Plan& m_plan;
  const ActionGraph& m_graph;
  ApplyObserver& m_observer;
  const Clock& m_clock;
  Scheduler m_scheduler;
  ApplyOutcome m_outcome;
  bool m_interrupted = false;
  // Per change: nodes still to finish, the image id, the start time, whether it was reported.
  std::vector<int> m_nodes_left;
  std::vector<std::string> m_result_id;
  std::vector<std::chrono::steady_clock::time_point> m_started;
  std::vector<bool> m_reported;
};

}  // namespace glancer
