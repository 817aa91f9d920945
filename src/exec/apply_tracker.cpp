#include "exec/apply_tracker.h"

namespace glancer {

ApplyTracker::ApplyTracker(const Plan& plan, const ActionGraph& graph, ApplyObserver& observer,
                           const Clock& clock)
    : m_plan(plan),
      m_graph(graph),
      m_observer(observer),
      m_clock(clock),
      m_scheduler(graph),
      m_nodes_left(plan.changes.size(), 0),
      m_result_id(plan.changes.size()),
      m_started(plan.changes.size()),
      m_reported(plan.changes.size(), false) {
  for (size_t n = 0; n < graph.size(); ++n) ++m_nodes_left[graph.node(n).change];
  for (size_t c = 0; c < plan.changes.size(); ++c)
    if (plan.changes[c].error && m_nodes_left[c] == 0) {
      m_reported[c] = true;
      ++m_outcome.failed;
      m_observer.on_failed(plan.changes[c], *plan.changes[c].error);
    }
}

void ApplyTracker::finish(size_t node, const Result<std::string>& result) {
  const ActionNode& an = m_graph.node(node);
  const Change& change = m_plan.changes[an.change];
  if (!result) {
    auto skipped = m_scheduler.fail(node);
    if (!m_reported[an.change]) {
      m_reported[an.change] = true;
      ++m_outcome.failed;
      m_observer.on_failed(change, result.error());
    }
    report_skipped(skipped, "depends on " + image_ref(change.set, change.key) + ", which failed");
    return;
  }
  m_scheduler.finish(node);
  if (an.phase == Phase::main) m_result_id[an.change] = *result;
  if (--m_nodes_left[an.change] == 0 && !m_reported[an.change]) {
    m_reported[an.change] = true;
    ++m_outcome.succeeded;
    const std::chrono::duration<double> took = m_clock.steady_now() - m_started[an.change];
    m_observer.on_done(change, m_result_id[an.change], took.count());
  }
}

void ApplyTracker::interrupt() {
  if (m_interrupted) return;
  m_interrupted = true;
  m_outcome.interrupted = true;
  std::vector<bool> running(m_plan.changes.size(), false);
  for (size_t n = 0; n < m_graph.size(); ++n)
    if (m_scheduler.state(n) == NodeState::running) running[m_graph.node(n).change] = true;
  int n_running = 0, not_started = 0;
  for (size_t c = 0; c < m_plan.changes.size(); ++c) {
    if (running[c])
      ++n_running;
    else if (m_nodes_left[c] > 0 && !m_reported[c])
      ++not_started;
  }
  m_observer.on_interrupt(n_running, not_started);
  report_skipped(m_scheduler.cancel(), "apply was interrupted");
}

void ApplyTracker::report_skipped(const std::vector<size_t>& nodes, const std::string& why) {
  for (size_t n : nodes) {
    const size_t c = m_graph.node(n).change;
    if (m_reported[c]) continue;
    m_reported[c] = true;
    ++m_outcome.skipped;
    m_observer.on_skipped(m_plan.changes[c], why);
  }
}

}  // namespace glancer
