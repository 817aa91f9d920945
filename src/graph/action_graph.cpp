#include "graph/action_graph.h"

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/topological_sort.hpp>
#include <functional>
#include <iterator>

#include "graph/edge_rules.h"

namespace glancer {

namespace {

using BoostGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;

// Finds a cycle by depth-first search from each node in order; returns it rotated to start at
// its smallest label, so the same loop is always reported the same way.
std::vector<size_t> find_cycle(const std::vector<std::vector<size_t>>& edges,
                               const std::function<std::string(size_t)>& label) {
  enum Mark { white, grey, black };
  std::vector<Mark> mark(edges.size(), white);
  std::vector<size_t> stack;
  std::vector<size_t> cycle;
  std::function<bool(size_t)> visit = [&](size_t n) {
    mark[n] = grey;
    stack.push_back(n);
    for (size_t next : edges[n]) {
      if (mark[next] == grey) {
        cycle.assign(std::find(stack.begin(), stack.end(), next), stack.end());
        return true;
      }
      if (mark[next] == white && visit(next)) return true;
    }
    stack.pop_back();
    mark[n] = black;
    return false;
  };
  for (size_t n = 0; n < edges.size() && cycle.empty(); ++n)
    if (mark[n] == white) visit(n);
  if (cycle.empty()) return cycle;
  auto smallest = std::min_element(cycle.begin(), cycle.end(),
                                   [&](size_t a, size_t b) { return label(a) < label(b); });
  std::rotate(cycle.begin(), smallest, cycle.end());
  return cycle;
}

}  // namespace

Result<ActionGraph> ActionGraph::build(const std::vector<Change>& changes) {
  ActionGraph g;
  NodeIndex index{std::vector<long>(changes.size(), -1), std::vector<long>(changes.size(), -1)};
  for (size_t i = 0; i < changes.size(); ++i) {
    if (changes[i].action == Action::no_op) continue;
    index.main[i] = static_cast<long>(g.m_nodes.size());
    g.m_nodes.push_back({i, Phase::main});
  }
  for (size_t i = 0; i < changes.size(); ++i) {
    // A rotation keeps the old image as a version (its main node demotes it): no retire node.
    bool retires = changes[i].action == Action::replace && changes[i].live;
    if (!retires) continue;
    index.retire[i] = static_cast<long>(g.m_nodes.size());
    g.m_nodes.push_back({i, Phase::retire});
  }

  std::vector<ActionEdge> edges;
  add_reference_edges(changes, index, edges);
  add_replace_edges(changes, index, edges);
  add_retire_after_referrers_edges(changes, index, edges);
  add_reverse_delete_edges(changes, index, edges);
  for (const ActionEdge& e : edges) {
    bool seen = std::any_of(g.m_edges.begin(), g.m_edges.end(), [&](const ActionEdge& x) {
      return x.before == e.before && x.after == e.after;
    });
    if (!seen) g.m_edges.push_back(e);
  }

  g.m_deps.assign(g.m_nodes.size(), {});
  g.m_dependents.assign(g.m_nodes.size(), {});
  for (const ActionEdge& e : g.m_edges) {
    g.m_deps[e.after].push_back(e.before);
    g.m_dependents[e.before].push_back(e.after);
  }
  // Followed along dependencies, so `a -> b` reads "a needs b", as references are written.
  auto cycle = find_cycle(g.m_deps, [&](size_t n) { return g.label(n, changes); });
  if (!cycle.empty()) {
    std::string msg = "dependency cycle: ";
    for (size_t n : cycle) msg += g.label(n, changes) + " -> ";
    msg += g.label(cycle.front(), changes);
    const Change& first = changes[g.m_nodes[cycle.front()].change];
    SourcePos where = first.desired ? first.desired->where : SourcePos{};
    return fail(ErrorCode::invalid_manifest, msg, where);
  }
  return g;
}

std::vector<size_t> ActionGraph::order() const {
  BoostGraph bg(m_nodes.size());
  for (const ActionEdge& e : m_edges) boost::add_edge(e.before, e.after, bg);
  std::vector<size_t> reversed;
  boost::topological_sort(bg, std::back_inserter(reversed));
  return {reversed.rbegin(), reversed.rend()};
}

std::string ActionGraph::label(size_t i, const std::vector<Change>& changes) const {
  const Change& c = changes[m_nodes[i].change];
  return image_ref(c.set, c.key) + (m_nodes[i].phase == Phase::retire ? " (retire)" : "");
}

}  // namespace glancer
