// The plan views: the human summary's counters, and how each format shows an image that could
// not be planned (Change::error).
#include "report/plan_view.h"

#include <doctest/doctest.h>

#include <map>
#include <regex>

#include "plan/plan.h"

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

Change change(const std::string& key, const std::string& name, Action action) {
  Change c;
  c.set = "demo";
  c.key = key;
  c.name = name;
  c.action = action;
  return c;
}

// base is kept as it is (its mirror is down), fresh cannot be created, app will be created.
Plan outage_plan() {
  Plan plan;
  plan.target = "local store at /tmp/s";
  Change base = change("base", "Base", Action::no_op);
  base.live = LiveRef{"id-base", "", std::nullopt, "active"};
  base.error = fail(ErrorCode::transport, "image `base`: https://m/SUMS: connection refused",
                    SourcePos{"m.yaml", 6, 7});
  Change fresh = change("fresh", "Fresh <1>", Action::create);
  fresh.error = fail(ErrorCode::timeout, "image `fresh`: https://m/fresh.img: timed out",
                     SourcePos{"m.yaml", 9, 7});
  Change app = change("app", "App", Action::create);
  app.attributes = {{"name", nullptr, "App"}};
  plan.changes = {base, fresh, app};
  return plan;
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

TEST_CASE("plan view: human shows each image that could not be planned with its located error") {
  const std::string out = render_plan_human(outage_plan());
  CHECK(out ==
        "glancer will perform the following actions:\n\n"
        "  # demo/base is left as it is: its source cannot be resolved\n"
        "  ! image \"Base\" (id-base)\n"
        "      error: m.yaml:6:7: image `base`: https://m/SUMS: connection refused\n\n"
        "  # demo/fresh cannot be created: its source cannot be resolved\n"
        "  ! image \"Fresh <1>\"\n"
        "      error: m.yaml:9:7: image `fresh`: https://m/fresh.img: timed out\n\n"
        "  # demo/app will be created\n"
        "  + image \"App\" {\n"
        "      + name = \"App\"\n"
        "    }\n\n"
        "Plan: 1 to create, 0 to update, 0 to replace, 0 to rotate, 0 to delete.\n"
        "Error: 2 images could not be planned and will not be touched; fix their sources or "
        "wait for the mirror, then plan again.\n");
}

TEST_CASE("plan view: with only errors, human does not claim the service matches") {
  Plan plan = outage_plan();
  plan.changes.resize(1);
  const std::string out = render_plan_human(plan);
  CHECK(out.find("No changes. The image service matches") == std::string::npos);
  CHECK(out.rfind("glancer cannot plan every image:\n", 0) == 0);
  CHECK(out.find("Error: 1 image could not be planned") != std::string::npos);
}

TEST_CASE("plan view: markdown and junit report each error as a failure") {
  const Plan plan = outage_plan();
  const std::string md = render_plan_markdown(plan);
  CHECK(md.find("> **Error: 2 images could not be planned") != std::string::npos);
  CHECK(md.find("<code>!</code> <b>demo/fresh</b> &quot;Fresh &lt;1&gt;&quot; cannot be "
                "created") != std::string::npos);
  CHECK(md.find("m.yaml:9:7: image `fresh`: https://m/fresh.img: timed out") != std::string::npos);
  CHECK(md.find("demo/base") < md.find("demo/app"));  // errors first

  const std::string xml = render_plan_junit(plan);
  CHECK(xml.find("failures=\"3\"") != std::string::npos);  // 2 errors, 1 pending create
  CHECK(xml.find("<failure message=\"error: &quot;Base&quot; is left as it is: its source "
                 "cannot be resolved\">m.yaml:6:7: image `base`: https://m/SUMS: connection "
                 "refused\n</failure>") != std::string::npos);
}

TEST_CASE("plan view: a change that depends on an image that cannot be made says apply skips it") {
  Plan plan = outage_plan();
  Change child = change("child", "Child", Action::create);
  child.references = {"demo/fresh"};  // fresh cannot be created
  Change grandchild = change("grandchild", "Grandchild", Action::create);
  grandchild.references = {"demo/child"};
  Change on_base = change("on-base", "On base", Action::create);
  on_base.references = {"demo/base"};  // base is kept: its id stays, nothing to skip
  plan.changes.push_back(child);
  plan.changes.push_back(grandchild);
  plan.changes.push_back(on_base);
  CHECK(blocked_changes(plan) ==
        std::map<size_t, std::string>{{3, "demo/fresh"}, {4, "demo/fresh"}});

  const std::string human = render_plan_human(plan);
  CHECK(human.find("# demo/grandchild will be created; apply will skip it: it depends on "
                   "demo/fresh, which cannot be planned\n") != std::string::npos);
  CHECK(human.find("# demo/on-base will be created\n") != std::string::npos);
  CHECK(render_plan_markdown(plan).find("**apply will skip it: it depends on demo/fresh") !=
        std::string::npos);
  CHECK(render_plan_junit(plan).find("will be created; apply will skip it") != std::string::npos);
}
