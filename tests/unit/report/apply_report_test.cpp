#include "report/apply_report.h"

#include <doctest/doctest.h>

#include <sstream>

#include "report/apply_events.h"
#include "report/apply_record.h"
#include "support/manual_clock.h"

using namespace glancer;

namespace {

Plan three_changes() {
  Plan plan;
  plan.target = "local store at /tmp/s";
  for (const char* key : {"base", "child", "other"}) {
    Change c;
    c.set = "demo";
    c.key = key;
    c.name = std::string("Image <") + key + ">";
    c.action = Action::create;
    c.attributes = {{"name", nullptr, c.name}};
    plan.changes.push_back(c);
  }
  Change keep;
  keep.set = "demo";
  keep.key = "same";
  keep.action = Action::no_op;
  plan.changes.push_back(keep);
  return plan;
}

// Plays an apply where base fails, child is skipped and other succeeds.
void play(const Plan& plan, ApplyObserver& o) {
  o.on_step(plan.changes[0], "creating");
  o.on_step(plan.changes[0], "uploading");
  o.on_progress(plan.changes[0], 50, 100);
  o.on_progress(plan.changes[0], 55, 100);  // same tenth: no event
  o.on_failed(plan.changes[0],
              fail(ErrorCode::checksum_mismatch, "a.raw does not match its checksum & <more>"));
  o.on_skipped(plan.changes[1], "depends on demo/base, which failed");
  o.on_step(plan.changes[2], "creating");
  o.on_done(plan.changes[2], "id-other", 0.25);
}

}  // namespace

TEST_CASE("apply record: one outcome per change, in plan order") {
  Plan plan = three_changes();
  ApplyRecorder record(plan);
  play(plan, record);
  const auto& o = record.outcomes();
  REQUIRE(o.size() == 4);
  CHECK(o[0].state == ChangeOutcome::State::failed);
  CHECK(o[0].last_step == "uploading");
  CHECK(o[1].state == ChangeOutcome::State::skipped);
  CHECK(o[2].state == ChangeOutcome::State::done);
  CHECK(o[2].image_id == "id-other");
  CHECK(o[3].state == ChangeOutcome::State::not_run);
}

TEST_CASE("apply report: JUnit has a testcase per change with the failure and the skip") {
  Plan plan = three_changes();
  ApplyRecorder record(plan);
  play(plan, record);
  const std::string xml = render_apply_junit(record);
  CHECK(xml.find("tests=\"3\" failures=\"1\" errors=\"0\" skipped=\"1\"") != std::string::npos);
  CHECK(xml.find("<failure message=\"create failed: a.raw does not match its checksum &amp; "
                 "&lt;more&gt;\">") != std::string::npos);
  CHECK(xml.find("<skipped message=\"depends on demo/base, which failed\"/>") != std::string::npos);
  CHECK(xml.find("name=\"same\"") == std::string::npos);  // no-ops are not actions
}

TEST_CASE("apply report: Markdown lists failures first, escaped") {
  Plan plan = three_changes();
  ApplyRecorder record(plan);
  play(plan, record);
  const std::string md = render_apply_markdown(record);
  CHECK(md.starts_with("### glancer apply: 1 succeeded, 1 failed, 1 skipped\n"));
  CHECK(md.find("| 1 | 1 | 1 |") != std::string::npos);
  const size_t failed = md.find("<b>demo/base</b> &quot;Image &lt;base&gt;&quot; failed");
  const size_t skipped = md.find("<b>demo/child</b>");
  const size_t done = md.find("<b>demo/other</b> &quot;Image &lt;other&gt;&quot; created");
  CHECK(failed < skipped);
  CHECK(skipped < done);
  CHECK(done != std::string::npos);
}

TEST_CASE("apply events: one JSON object per line, progress coarse") {
  Plan plan = three_changes();
  std::ostringstream out;
  testing::ManualClock clock;  // 2026-01-01T00:00:00.000Z
  JsonEventsView events(out, clock);
  events.plan(plan);
  play(plan, events);
  events.summary({1, 1, 1});
  std::vector<std::string> names;
  std::istringstream lines(out.str());
  for (std::string line; std::getline(lines, line);)
    names.push_back(nlohmann::json::parse(line).at("event"));
  CHECK(names == std::vector<std::string>{"plan", "start", "step", "step", "progress", "failed",
                                          "skipped", "start", "step", "done", "summary"});
  CHECK(out.str().find(R"("error":{"code":"checksum_mismatch")") != std::string::npos);
}

TEST_CASE(
    "apply report: a kept image that could not be planned is a failure in JUnit and Markdown") {
  Plan plan = three_changes();
  plan.changes[3].error = fail(ErrorCode::transport, "image `same`: SUMS: connection refused",
                               SourcePos{"m.yaml", 6, 7});
  ApplyRecorder record(plan);
  play(plan, record);
  record.on_failed(plan.changes[3], *plan.changes[3].error);
  const std::string xml = render_apply_junit(record);
  CHECK(xml.find("tests=\"4\" failures=\"2\"") != std::string::npos);
  CHECK(xml.find("<failure message=\"not planned: m.yaml:6:7: image `same`: SUMS: connection "
                 "refused\">") != std::string::npos);
  const std::string md = render_apply_markdown(record);
  CHECK(md.find("| 1 | 2 | 1 |") != std::string::npos);
  CHECK(md.find("demo/same") != std::string::npos);
}
