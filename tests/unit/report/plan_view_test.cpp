#include "report/plan_view.h"

#include <doctest/doctest.h>

#include <regex>

using namespace glancer;

namespace {

// A plan with `n` changes of each action in `actions`.
Plan plan_of(const std::vector<std::pair<Action, int>>& actions) {
  Plan plan;
  for (const auto& [action, n] : actions)
    for (int i = 0; i < n; ++i) {
      Change c;
      c.set = "s";
      c.key = std::string(action_name(action)) + std::to_string(i);
      c.action = action;
      if (action != Action::create) c.live = LiveRef{"id-" + c.key};
      plan.changes.push_back(c);
    }
  return plan;
}

// "N to WHAT" counters of a text, in order, e.g. {"1 create", "0 rotate"}.
std::vector<std::string> counters(const std::string& text) {
  std::vector<std::string> out;
  const std::regex counter("([0-9]+) to (create|update|replace|rotate|delete)");
  for (std::sregex_iterator it(text.begin(), text.end(), counter), end; it != end; ++it)
    out.push_back((*it)[1].str() + " " + (*it)[2].str());
  return out;
}

}  // namespace

TEST_CASE("plan view: the human summary has every counter the Markdown summary has") {
  for (const Plan& plan :
       {plan_of({{Action::create, 1}, {Action::update, 2}, {Action::remove, 1}}),
        plan_of({{Action::rotate, 3}, {Action::no_op, 1}}),
        plan_of({{Action::replace, 1}, {Action::rotate, 1}, {Action::remove, 2}})}) {
    const std::string human = render_plan_human(plan);
    const std::string markdown = render_plan_markdown(plan);
    CHECK(counters(human.substr(human.rfind("Plan: "))) ==
          counters(markdown.substr(0, markdown.find('\n'))));
  }
  CHECK(plan_summary_line(plan_of({{Action::create, 1}}).summary()) ==
        "Plan: 1 to create, 0 to update, 0 to replace, 0 to rotate, 0 to delete.");
}
