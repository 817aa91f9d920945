#pragma once
/// Decides which actions may run: a pure state machine over the action graph, no threads.

#include <optional>
#include <vector>

#include "graph/action_graph.h"

namespace glancer {

/// The life of one action.
enum class NodeState { waiting, ready, running, done, failed, skipped };

/// Tracks node states. An action is ready once everything it depends on is done; when one
/// fails, everything that depends on it (transitively) is skipped and independent branches go on.
class Scheduler {
 public:
  explicit Scheduler(const ActionGraph& graph);

  /// The first ready node (lowest index) accepted by `may_start`, now running; nullopt if none.
  template <class Pred>
  std::optional<size_t> start_next(Pred may_start) {
    for (size_t i = 0; i < m_state.size(); ++i)
      if (m_state[i] == NodeState::ready && may_start(i)) {
        m_state[i] = NodeState::running;
        ++m_running;
        return i;
      }
    return std::nullopt;
  }
  std::optional<size_t> start_next() {
    return start_next([](size_t) { return true; });
  }

  /// A running node succeeded: its dependents whose dependencies are all done become ready.
  void finish(size_t node);
  /// A running node failed: its transitive dependents become skipped. Returns them.
  std::vector<size_t> fail(size_t node);
  /// Stops starting anything new: every waiting or ready node becomes skipped. Returns them.
  std::vector<size_t> cancel();

  NodeState state(size_t node) const { return m_state[node]; }
  size_t running() const { return m_running; }
  /// True when nothing is running and nothing can start.
  bool finished() const;

 private:
  const ActionGraph& m_graph;
  std::vector<NodeState> m_state;
  std::vector<size_t> m_pending_deps;  // dependencies not yet done
  size_t m_running = 0;
};

}  // namespace glancer
