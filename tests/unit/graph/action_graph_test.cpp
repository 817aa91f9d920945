#include "graph/action_graph.h"

#include <doctest/doctest.h>

#include "graph/edge_rules.h"

using namespace glancer;

namespace {

Change change(const std::string& key, Action action, std::vector<std::string> refs = {},
              std::string live_id = "", std::vector<std::string> live_refs = {}) {
  Change c;
  c.set = "s";
  c.key = key;
  c.name = key;
  c.action = action;
  c.references = std::move(refs);
  if (!live_id.empty())
    c.live = LiveRef{live_id, "", std::nullopt, "active", false, false, std::move(live_refs), ""};
  return c;
}

// The labels of a graph's edges as "before -> after [rule]".
std::vector<std::string> edge_text(const ActionGraph& g, const std::vector<Change>& cs) {
  std::vector<std::string> out;
  for (const auto& e : g.edges())
    out.push_back(g.label(e.before, cs) + " -> " + g.label(e.after, cs) + " [" + e.rule + "]");
  return out;
}

// Position of a change's main node in the topological order.
size_t position(const ActionGraph& g, const std::vector<Change>& cs, const std::string& label) {
  auto order = g.order();
  for (size_t i = 0; i < order.size(); ++i)
    if (g.label(order[i], cs) == label) return i;
  FAIL("no node " << label);
  return 0;
}

}  // namespace

TEST_SUITE("graph") {
  TEST_CASE("rule: a referenced image is made before its referrers") {
    std::vector<Change> cs = {change("ami", Action::create, {"s/kernel", "s/ramdisk"}),
                              change("kernel", Action::create), change("ramdisk", Action::no_op)};
    auto g = ActionGraph::build(cs);
    REQUIRE(g.ok());
    CHECK(g->size() == 2);  // no node for a no-op
    CHECK(edge_text(*g, cs) == std::vector<std::string>{"s/kernel -> s/ami [reference]"});
    CHECK(position(*g, cs, "s/kernel") < position(*g, cs, "s/ami"));
  }

  TEST_CASE("rule: create before destroy, and retire only after referrers moved") {
    std::vector<Change> cs = {change("kernel", Action::replace, {}, "k-old"),
                              change("ami", Action::update, {"s/kernel"}, "a", {"k-old"})};
    auto g = ActionGraph::build(cs);
    REQUIRE(g.ok());
    CHECK(edge_text(*g, cs) ==
          std::vector<std::string>{"s/kernel -> s/ami [reference]",
                                   "s/kernel -> s/kernel (retire) [create-before-destroy]",
                                   "s/ami -> s/kernel (retire) [retire-after-referrers]"});
    CHECK(position(*g, cs, "s/ami") < position(*g, cs, "s/kernel (retire)"));
  }

  TEST_CASE("rule: deletes run in reverse dependency order") {
    std::vector<Change> cs = {change("kernel", Action::remove, {}, "k"),
                              change("ramdisk", Action::remove, {}, "r"),
                              change("ami", Action::remove, {}, "a", {"k", "r"})};
    auto g = ActionGraph::build(cs);
    REQUIRE(g.ok());
    CHECK(edge_text(*g, cs) == std::vector<std::string>{"s/ami -> s/kernel [reverse-delete]",
                                                        "s/ami -> s/ramdisk [reverse-delete]"});
    CHECK(position(*g, cs, "s/ami") < position(*g, cs, "s/kernel"));
    CHECK(position(*g, cs, "s/ami") < position(*g, cs, "s/ramdisk"));
  }

  TEST_CASE("rules one by one on a shared index") {
    std::vector<Change> cs = {change("a", Action::create, {"s/b"}), change("b", Action::create)};
    NodeIndex index{{0, 1}, {-1, -1}};
    std::vector<ActionEdge> edges;
    add_replace_edges(cs, index, edges);
    CHECK(edges.empty());
    add_reverse_delete_edges(cs, index, edges);
    CHECK(edges.empty());
    add_retire_after_referrers_edges(cs, index, edges);
    CHECK(edges.empty());
    add_reference_edges(cs, index, edges);
    CHECK(edges == std::vector<ActionEdge>{{1, 0, "reference"}});
  }

  TEST_CASE("a cycle is an error naming the whole loop from the same start") {
    std::vector<Change> cs = {change("c", Action::create, {"s/a"}),
                              change("a", Action::create, {"s/b"}),
                              change("b", Action::create, {"s/c"})};
    auto g = ActionGraph::build(cs);
    REQUIRE_FALSE(g.ok());
    CHECK(g.error().message == "dependency cycle: s/a -> s/b -> s/c -> s/a");
    std::vector<Change> reordered = {cs[2], cs[0], cs[1]};
    CHECK(ActionGraph::build(reordered).error().message ==
          "dependency cycle: s/a -> s/b -> s/c -> s/a");
  }

  TEST_CASE("DOT and Mermaid name every node and edge") {
    std::vector<Change> cs = {change("ami", Action::create, {"s/kernel"}),
                              change("kernel", Action::create)};
    auto g = ActionGraph::build(cs);
    REQUIRE(g.ok());
    CHECK(graph_to_dot(*g, cs) ==
          "digraph glancer {\n  rankdir=LR;\n  node [shape=box];\n"
          "  n0 [label=\"create s/ami\"];\n  n1 [label=\"create s/kernel\"];\n"
          "  n1 -> n0 [label=\"reference\"];\n}\n");
    CHECK(graph_to_mermaid(*g, cs) ==
          "flowchart LR\n  n0[\"create s/ami\"]\n  n1[\"create s/kernel\"]\n  n1 -->|reference| "
          "n0\n");
  }

}  // TEST_SUITE
