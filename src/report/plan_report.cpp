// The CI formats of a plan: Markdown for merge-request comments, JUnit XML for test tabs.
#include <map>
#include <sstream>

#include "report/junit.h"
#include "report/markdown.h"
#include "report/plan_view.h"

namespace glancer {

namespace {

std::string change_body(const Change& c, const std::string& blocked_by) {
  std::string body;
  if (!c.reason.empty()) body += "Reason: " + markdown_text(c.reason) + "\n\n";
  if (!blocked_by.empty()) body += "**" + markdown_text(blocked_note(blocked_by)) + "**\n\n";
  std::string diff;
  if (c.action == Action::remove) {
    diff = "- image \"" + c.name + "\"" + (c.live ? " (" + c.live->id + ")" : "") + "\n";
  } else {
    for (std::string line : attribute_diff_lines(c)) {
      if (line[0] == '~') line[0] = '!';  // the diff grammar highlights `!` as a change
      diff += line + "\n";
    }
  }
  if (diff.empty()) diff = "(no attribute changes)\n";
  return body + code_block(diff, "diff");
}

std::string change_section(const Change& c, const std::string& blocked_by) {
  std::string summary = "<code>" + html_text(action_symbol(c.action)) + "</code> <b>" +
                        html_text(image_ref(c.set, c.key)) + "</b> &quot;" + html_text(c.name) +
                        "&quot; " + action_verb(c.action);
  if (c.live) summary += " (<code>" + html_text(c.live->id) + "</code>)";
  return details_section(summary, change_body(c, blocked_by));
}

// An image that could not be planned: its error, located, instead of a diff.
std::string errored_section(const Change& c) {
  std::string summary = "<code>!</code> <b>" + html_text(image_ref(c.set, c.key)) + "</b> &quot;" +
                        html_text(c.name) + "&quot; " + errored_verb(c);
  if (c.live) summary += " (<code>" + html_text(c.live->id) + "</code>)";
  return details_section(summary, code_block(c.error->to_string() + "\n", "text"));
}

}  // namespace

std::string render_plan_markdown(const Plan& plan) {
  const PlanSummary s = plan.summary();
  std::ostringstream head;
  head << "### glancer plan: ";
  if (s.changes() == 0)
    head << (s.errors ? "no changes to the other images\n\n" : "no changes\n\n");
  else
    head << s.create << " to create, " << s.update << " to update, " << s.replace << " to replace, "
         << s.rotate << " to rotate, " << s.remove << " to delete\n\n";
  head << "Target: " << markdown_text(plan.target) << "\n\n";
  head << "| create | update | replace | rotate | delete | unchanged |\n"
       << "|---:|---:|---:|---:|---:|---:|\n"
       << "| " << s.create << " | " << s.update << " | " << s.replace << " | " << s.rotate << " | "
       << s.remove << " | " << s.no_op << " |\n\n";
  if (s.errors)
    head << "> **" << markdown_text(plan_errors_line(s)) << "**\n\n";
  else if (s.changes() == 0)
    head << "The image service matches the manifests.\n";
  std::vector<std::string> sections;
  for (const Change& c : plan.changes)  // errors first: they must not be cut for size
    if (c.error) sections.push_back(errored_section(c));
  const std::map<size_t, std::string> blocked = blocked_changes(plan);
  for (size_t i = 0; i < plan.changes.size(); ++i) {
    const Change& c = plan.changes[i];
    if (!c.error && c.action != Action::no_op)
      sections.push_back(change_section(c, blocked.count(i) ? blocked.at(i) : ""));
  }
  return fit_markdown(head.str(), sections, "", "changes");
}

std::string render_plan_junit(const Plan& plan) {
  std::vector<JUnitCase> cases;
  const std::map<size_t, std::string> blocked = blocked_changes(plan);
  for (size_t i = 0; i < plan.changes.size(); ++i) {
    const Change& c = plan.changes[i];
    JUnitCase tc;
    tc.classname = c.set;
    tc.name = c.key;
    if (c.error) {
      tc.failure_message = "error: \"" + c.name + "\" " + errored_verb(c);
      tc.failure_text = c.error->to_string() + "\n";
    } else if (c.action != Action::no_op) {
      tc.failure_message = std::string(action_name(c.action)) + ": \"" + c.name + "\" " +
                           action_verb(c.action) + (c.reason.empty() ? "" : " (" + c.reason + ")") +
                           (blocked.count(i) ? "; " + blocked_note(blocked.at(i)) : "");
      for (const std::string& line : attribute_diff_lines(c)) tc.failure_text += line + "\n";
    }
    cases.push_back(std::move(tc));
  }
  return render_junit("glancer plan", cases);
}

}  // namespace glancer
