#pragma once
/// The actions of a plan as a dependency graph (Boost.Graph): what must finish before what.

#include <string>
#include <vector>

#include "core/result.h"
#include "plan/change.h"

namespace glancer {

/// Which part of a change a node performs. A replace has two: `main` makes, verifies and
/// publishes the new image; `retire` deletes the old one once nothing points at it any more.
enum class Phase { main, retire };

/// One action: a phase of one change.
struct ActionNode {
  size_t change = 0;  ///< index into the plan's changes
  Phase phase = Phase::main;
};

/// One ordering constraint: `before` must finish before `after` starts.
struct ActionEdge {
  size_t before = 0;
  size_t after = 0;
  std::string rule;  ///< which rule made it, for graph output and tests
  friend bool operator==(const ActionEdge&, const ActionEdge&) = default;
};

/// An acyclic graph of the plan's actions (no-ops have no node).
class ActionGraph {
 public:
  /// Builds the nodes and applies every edge rule; fails with a cycle error naming the whole
  /// loop, always from the same start, if the rules contradict each other.
  static Result<ActionGraph> build(const std::vector<Change>& changes);

  size_t size() const { return m_nodes.size(); }
  const ActionNode& node(size_t i) const { return m_nodes[i]; }
  const std::vector<ActionEdge>& edges() const { return m_edges; }
  /// Nodes that must finish before node `i`.
  const std::vector<size_t>& dependencies(size_t i) const { return m_deps[i]; }
  /// Nodes that wait for node `i`.
  const std::vector<size_t>& dependents(size_t i) const { return m_dependents[i]; }
  /// A topological order (Boost.Graph), ties broken by plan order.
  std::vector<size_t> order() const;
  /// "set/key" or "set/key (retire)", a node's name in output.
  std::string label(size_t i, const std::vector<Change>& changes) const;

 private:
  std::vector<ActionNode> m_nodes;
  std::vector<ActionEdge> m_edges;
  std::vector<std::vector<size_t>> m_deps;
  std::vector<std::vector<size_t>> m_dependents;
};

/// Graphviz DOT of the graph, nodes labelled with their action symbol and set/key.
std::string graph_to_dot(const ActionGraph& graph, const std::vector<Change>& changes);
/// A Mermaid flowchart of the graph.
std::string graph_to_mermaid(const ActionGraph& graph, const std::vector<Change>& changes);

}  // namespace glancer
