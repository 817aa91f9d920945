#include "exec/scheduler.h"

namespace glancer {

Scheduler::Scheduler(const ActionGraph& graph)
    : m_graph(graph), m_state(graph.size(), NodeState::waiting), m_pending_deps(graph.size()) {
  for (size_t i = 0; i < graph.size(); ++i) {
    m_pending_deps[i] = graph.dependencies(i).size();
    if (m_pending_deps[i] == 0) m_state[i] = NodeState::ready;
  }
}

void Scheduler::finish(size_t node) {
  m_state[node] = NodeState::done;
  --m_running;
  for (size_t next : m_graph.dependents(node))
    if (--m_pending_deps[next] == 0 && m_state[next] == NodeState::waiting)
      m_state[next] = NodeState::ready;
}

std::vector<size_t> Scheduler::fail(size_t node) {
  m_state[node] = NodeState::failed;
  --m_running;
  std::vector<size_t> skipped;
  std::vector<size_t> todo = m_graph.dependents(node);
  while (!todo.empty()) {
    size_t n = todo.back();
    todo.pop_back();
    if (m_state[n] != NodeState::waiting && m_state[n] != NodeState::ready) continue;
    m_state[n] = NodeState::skipped;
    skipped.push_back(n);
    for (size_t next : m_graph.dependents(n)) todo.push_back(next);
  }
  return skipped;
}

std::vector<size_t> Scheduler::cancel() {
  std::vector<size_t> skipped;
  for (size_t i = 0; i < m_state.size(); ++i)
    if (m_state[i] == NodeState::waiting || m_state[i] == NodeState::ready) {
      m_state[i] = NodeState::skipped;
      skipped.push_back(i);
    }
  return skipped;
}

bool Scheduler::finished() const {
  if (m_running > 0) return false;
  for (NodeState s : m_state)
    if (s == NodeState::ready) return false;
  return true;
}

}  // namespace glancer
