#include <sstream>

#include "graph/action_graph.h"

namespace glancer {

namespace {

std::string node_text(const ActionGraph& g, size_t i, const std::vector<Change>& changes) {
  const Change& c = changes[g.node(i).change];
  if (g.node(i).phase == Phase::retire) return "retire old " + image_ref(c.set, c.key);
  return std::string(action_name(c.action)) + " " + image_ref(c.set, c.key);
}

std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (char ch : s) {
    if (ch == '"' || ch == '\\') out += '\\';
    out += ch;
  }
  return out + "\"";
}

}  // namespace

std::string graph_to_dot(const ActionGraph& g, const std::vector<Change>& changes) {
  std::ostringstream out;
  out << "digraph glancer {\n  rankdir=LR;\n  node [shape=box];\n";
  for (size_t i = 0; i < g.size(); ++i)
    out << "  n" << i << " [label=" << quoted(node_text(g, i, changes)) << "];\n";
  for (const ActionEdge& e : g.edges())
    out << "  n" << e.before << " -> n" << e.after << " [label=" << quoted(e.rule) << "];\n";
  out << "}\n";
  return out.str();
}

std::string graph_to_mermaid(const ActionGraph& g, const std::vector<Change>& changes) {
  std::ostringstream out;
  out << "flowchart LR\n";
  for (size_t i = 0; i < g.size(); ++i)
    out << "  n" << i << "[" << quoted(node_text(g, i, changes)) << "]\n";
  for (const ActionEdge& e : g.edges())
    out << "  n" << e.before << " -->|" << e.rule << "| n" << e.after << "\n";
  return out.str();
}

}  // namespace glancer
