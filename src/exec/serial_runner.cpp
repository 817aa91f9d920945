#include "exec/serial_runner.h"

#include "exec/apply_tracker.h"

namespace glancer {

Result<ApplyOutcome> SerialRunner::apply(const Plan& plan) {
  GLANCER_TRY(graph, ActionGraph::build(plan.changes));
  ApplyTracker tracker(plan, graph, m_observer, m_clock);
  for (;;) {
    if (m_cancel && m_cancel->load()) tracker.interrupt();
    // Nothing runs between iterations, so no ready node means the apply is finished.
    auto node = tracker.start_next();
    if (!node) break;
    tracker.finish(*node,
                   m_actions.run(tracker.change(*node), tracker.node(*node).phase, m_observer));
  }
  return tracker.outcome();
}

}  // namespace glancer
