#include "exec/scheduler.h"

#include <doctest/doctest.h>

#include <algorithm>

using namespace glancer;

namespace {

Change change(const std::string& key, std::vector<std::string> refs = {}) {
  Change c;
  c.set = std::string("s");  // not `= "s"`: GCC 12 -Wrestrict false positive
  c.key = key;
  c.action = Action::create;
  c.references = std::move(refs);
  return c;
}

}  // namespace

TEST_SUITE("exec") {
  TEST_CASE("scheduler: dependencies gate readiness") {
    // kernel(0) → ami(1); other(2) independent.
    std::vector<Change> cs = {change("kernel"), change("ami", {"s/kernel"}), change("other")};
    auto g = ActionGraph::build(cs);
    REQUIRE(g.ok());
    Scheduler s(*g);
    CHECK(s.state(0) == NodeState::ready);
    CHECK(s.state(1) == NodeState::waiting);
    CHECK(s.start_next() == 0u);
    CHECK(s.start_next() == 2u);
    CHECK_FALSE(s.start_next().has_value());
    CHECK(s.running() == 2);
    s.finish(0);
    CHECK(s.state(1) == NodeState::ready);
    CHECK(s.start_next() == 1u);
    s.finish(1);
    s.finish(2);
    CHECK(s.finished());
  }

  TEST_CASE("scheduler: a failure skips its dependents transitively, not independent branches") {
    std::vector<Change> cs = {change("a"), change("b", {"s/a"}), change("c", {"s/b"}), change("d")};
    auto g = ActionGraph::build(cs);
    REQUIRE(g.ok());
    Scheduler s(*g);
    CHECK(s.start_next() == 0u);
    auto skipped = s.fail(0);
    std::sort(skipped.begin(), skipped.end());
    CHECK(skipped == std::vector<size_t>{1, 2});
    CHECK(s.state(2) == NodeState::skipped);
    CHECK(s.start_next() == 3u);
    CHECK_FALSE(s.finished());
    s.finish(3);
    CHECK(s.finished());
  }

  TEST_CASE("scheduler: a predicate holds back uploads; cancel skips what has not started") {
    std::vector<Change> cs = {change("a"), change("b"), change("c")};
    auto g = ActionGraph::build(cs);
    REQUIRE(g.ok());
    Scheduler s(*g);
    CHECK(s.start_next([](size_t n) { return n == 1; }) == 1u);
    auto skipped = s.cancel();
    CHECK(skipped == std::vector<size_t>{0, 2});
    CHECK_FALSE(s.finished());  // b still running
    s.finish(1);
    CHECK(s.finished());
  }

}  // TEST_SUITE
