#include "report/plan_view.h"

#include <algorithm>
#include <map>
#include <sstream>

#include "plan/plan_json.h"
#include "report/style.h"

namespace glancer {

namespace {

std::string value_text(const nlohmann::json& v) {
  if (v.is_array()) {
    std::string s = "[";
    for (size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + v[i].dump();
    return s + "]";
  }
  return v.dump();
}

Tone action_tone(Action a) {
  switch (a) {
    case Action::create: return Tone::added;
    case Action::update: return Tone::changed;
    case Action::replace:
    case Action::rotate: return Tone::replaced;
    case Action::remove: return Tone::removed;
    case Action::no_op: return Tone::faint;
  }
  return Tone::faint;
}

Tone symbol_tone(char symbol) {
  return symbol == '+' ? Tone::added : symbol == '-' ? Tone::removed : Tone::changed;
}

void render_change(std::ostringstream& out, const Change& c, bool color,
                   const std::string& blocked_by) {
  out << "  " << paint("# " + image_ref(c.set, c.key), Tone::strong, color) << " "
      << action_verb(c.action);
  if (!c.reason.empty()) out << " (" << c.reason << ")";
  if (!blocked_by.empty()) out << "; " << paint(blocked_note(blocked_by), Tone::bad, color);
  out << "\n  " << paint(action_symbol(c.action), action_tone(c.action), color) << " image \""
      << c.name << "\"";
  if (c.live) out << " (" << c.live->id << ")";
  const auto lines = attribute_diff_lines(c);
  if (lines.empty()) {
    out << "\n\n";
    return;
  }
  out << " {\n";
  for (const std::string& line : lines)
    out << "      " << paint(line.substr(0, 1), symbol_tone(line[0]), color) << line.substr(1)
        << "\n";
  out << "    }\n\n";
}

// An image that could not be planned: what it needed, and why not, at its manifest line.
void render_errored(std::ostringstream& out, const Change& c, bool color) {
  out << "  " << paint("# " + image_ref(c.set, c.key), Tone::strong, color) << " "
      << errored_verb(c) << "\n  " << paint("!", Tone::bad, color) << " image \"" << c.name << "\"";
  if (c.live) out << " (" << c.live->id << ")";
  out << "\n      " << paint("error:", Tone::bad, color) << " " << c.error->to_string() << "\n\n";
}

}  // namespace

std::string blocked_note(const std::string& ref) {
  return "apply will skip it: it depends on " + ref + ", which cannot be planned";
}

const char* errored_verb(const Change& c) {
  switch (c.action) {
    case Action::create: return "cannot be created: its source cannot be resolved";
    case Action::replace:
    case Action::rotate:
      return "cannot be replaced: its source cannot be resolved (the live image stays)";
    default: return "is left as it is: its source cannot be resolved";
  }
}

std::string plan_errors_line(const PlanSummary& s) {
  if (s.errors == 0) return "";
  const bool one = s.errors == 1;
  return "Error: " + std::to_string(s.errors) + (one ? " image" : " images") +
         " could not be planned and will not be touched; fix " +
         (one ? "its source" : "their sources") + " or wait for the mirror, then plan again.";
}

const char* action_verb(Action a) {
  switch (a) {
    case Action::create: return "will be created";
    case Action::update: return "will be updated in place";
    case Action::replace: return "must be replaced";
    case Action::rotate: return "will be rotated";
    case Action::remove: return "will be deleted";
    case Action::no_op: return "is up to date";
  }
  return "";
}

std::vector<std::string> attribute_diff_lines(const Change& c) {
  std::vector<std::string> lines;
  if (c.action == Action::remove) return lines;
  size_t width = 0;
  for (const auto& a : c.attributes) width = std::max(width, a.path.size());
  for (const auto& a : c.attributes) {
    const char* sym = a.before.is_null() ? "+" : a.after.is_null() ? "-" : "~";
    std::string line =
        std::string(sym) + " " + a.path + std::string(width - a.path.size(), ' ') + " = ";
    if (a.before.is_null())
      line += value_text(a.after);
    else if (a.after.is_null())
      line += value_text(a.before) + " -> null";
    else
      line += value_text(a.before) + " -> " + value_text(a.after);
    lines.push_back(std::move(line));
  }
  return lines;
}

std::string plan_summary_line(const PlanSummary& s) {
  std::ostringstream out;
  out << "Plan: " << s.create << " to create, " << s.update << " to update, " << s.replace
      << " to replace, " << s.rotate << " to rotate, " << s.remove << " to delete.";
  return out.str();
}

std::string render_plan_human(const Plan& plan, const RenderOptions& options) {
  std::ostringstream out;
  const PlanSummary s = plan.summary();
  if (s.changes() == 0 && s.errors == 0) {
    out << "No changes. The image service matches the manifests (" << s.no_op << " image"
        << (s.no_op == 1 ? "" : "s") << ").\n";
    return out.str();
  }
  out << (s.changes() ? "glancer will perform the following actions:\n\n"
                      : "glancer cannot plan every image:\n\n");
  const std::map<size_t, std::string> blocked = blocked_changes(plan);
  for (size_t i = 0; i < plan.changes.size(); ++i) {
    const Change& c = plan.changes[i];
    if (c.error)
      render_errored(out, c, options.color);
    else if (c.action != Action::no_op)
      render_change(out, c, options.color, blocked.count(i) ? blocked.at(i) : "");
  }
  if (s.changes())
    out << paint(plan_summary_line(s), Tone::strong, options.color) << "\n";
  else
    out << "No changes to the other " << s.no_op << " image" << (s.no_op == 1 ? "" : "s") << ".\n";
  if (s.errors) out << paint(plan_errors_line(s), Tone::bad, options.color) << "\n";
  return out.str();
}

std::string render_plan_json(const Plan& plan) {
  return plan_to_json(plan).dump(2) + "\n";
}

std::string render_plan(const Plan& plan, Format format, const RenderOptions& options) {
  switch (format) {
    case Format::human: return render_plan_human(plan, options);
    case Format::json: return render_plan_json(plan);
    case Format::markdown: return render_plan_markdown(plan);
    case Format::junit: return render_plan_junit(plan);
  }
  return render_plan_human(plan, options);
}

}  // namespace glancer
