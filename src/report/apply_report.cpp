#include "report/apply_report.h"

#include <cstdio>
#include <sstream>

#include "report/apply_view.h"
#include "report/junit.h"
#include "report/markdown.h"
#include "report/plan_view.h"

namespace glancer {

namespace {

using State = ChangeOutcome::State;

std::string seconds_text(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1fs", s);
  return buf;
}

std::string outcome_word(const Change& c, const ChangeOutcome& o) {
  switch (o.state) {
    case State::done: return apply_done_verb(c.action);
    case State::failed: return "failed";
    case State::skipped: return "skipped";
    case State::not_run: return "not run";
  }
  return "";
}

std::string section(const Change& c, const ChangeOutcome& o) {
  const char* mark = o.state == State::done ? "✅" : o.state == State::failed ? "❌" : "⏭️";
  std::string summary = std::string(mark) + " <code>" + html_text(action_symbol(c.action)) +
                        "</code> <b>" + html_text(image_ref(c.set, c.key)) + "</b> &quot;" +
                        html_text(c.name) + "&quot; " + outcome_word(c, o);
  if (o.state == State::done || o.state == State::failed)
    summary += " in " + seconds_text(o.seconds);
  std::string body;
  if (o.state == State::done && !o.image_id.empty()) body += "Image `" + o.image_id + "`.\n\n";
  if (o.state == State::failed)
    body +=
        "Failed while " + markdown_text(o.last_step) + ":\n\n" + code_block(o.message + "\n", "");
  if (o.state == State::skipped) body += "Skipped: " + markdown_text(o.message) + ".\n\n";
  std::string diff;
  for (std::string line : attribute_diff_lines(c)) {
    if (line[0] == '~') line[0] = '!';
    diff += line + "\n";
  }
  if (!diff.empty()) body += code_block(diff, "diff");
  return details_section(summary, body);
}

// A change the report lists: every action, and a kept image that could not be planned (it
// failed: the apply did not bring it to the manifests).
bool reported(const Change& c) {
  return c.action != Action::no_op || c.error;
}

}  // namespace

std::string render_apply_markdown(const ApplyRecorder& record) {
  const Plan& plan = record.plan();
  const auto& outcomes = record.outcomes();
  int done = 0, failed = 0, skipped = 0;
  for (const ChangeOutcome& o : outcomes) {
    done += o.state == State::done;
    failed += o.state == State::failed;
    skipped += o.state == State::skipped;
  }
  std::ostringstream head;
  head << "### glancer apply: " << done << " succeeded, " << failed << " failed, " << skipped
       << " skipped\n\n"
       << "Target: " << markdown_text(plan.target) << "\n\n"
       << "| succeeded | failed | skipped |\n|---:|---:|---:|\n"
       << "| " << done << " | " << failed << " | " << skipped << " |\n\n";
  std::vector<std::string> sections;
  // Failures first: when the report must be cut, what went wrong is what stays.
  for (State wanted : {State::failed, State::skipped, State::not_run, State::done})
    for (size_t i = 0; i < plan.changes.size(); ++i)
      if (reported(plan.changes[i]) && outcomes[i].state == wanted)
        sections.push_back(section(plan.changes[i], outcomes[i]));
  return fit_markdown(head.str(), sections, "", "changes");
}

std::string render_apply_junit(const ApplyRecorder& record) {
  const Plan& plan = record.plan();
  std::vector<JUnitCase> cases;
  for (size_t i = 0; i < plan.changes.size(); ++i) {
    const Change& c = plan.changes[i];
    const ChangeOutcome& o = record.outcomes()[i];
    if (!reported(c)) continue;
    JUnitCase tc;
    tc.classname = c.set;
    tc.name = c.key;
    tc.seconds = o.seconds;
    if (o.state == State::failed) {
      tc.failure_message = (c.error ? std::string("not planned: ")
                                    : action_name(c.action) + std::string(" failed: ")) +
                           o.message;
      tc.failure_text = "step: " + o.last_step + "\n" + o.message + "\n";
    } else if (o.state == State::skipped) {
      tc.skipped_message = o.message;
    } else if (o.state == State::not_run) {
      tc.skipped_message = "not run: the apply stopped first";
    }
    cases.push_back(std::move(tc));
  }
  return render_junit("glancer apply", cases);
}

}  // namespace glancer
