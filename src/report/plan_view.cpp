#include "report/plan_view.h"

#include <algorithm>
#include <sstream>

#include "plan/plan_json.h"

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

const char* verb(Action a) {
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

void render_change(std::ostringstream& out, const Change& c) {
  out << "  # " << c.set << "/" << c.key << " " << verb(c.action);
  if (!c.reason.empty()) out << " (" << c.reason << ")";
  out << "\n  " << action_symbol(c.action) << " image \"" << c.name << "\"";
  if (c.live) out << " (" << c.live->id << ")";
  if (c.attributes.empty() || c.action == Action::remove) {
    out << "\n\n";
    return;
  }
  out << " {\n";
  size_t width = 0;
  for (const auto& a : c.attributes) width = std::max(width, a.path.size());
  for (const auto& a : c.attributes) {
    const char* sym = a.before.is_null() ? "+" : a.after.is_null() ? "-" : "~";
    out << "      " << sym << " " << a.path << std::string(width - a.path.size(), ' ') << " = ";
    if (a.before.is_null())
      out << value_text(a.after);
    else if (a.after.is_null())
      out << value_text(a.before) << " -> null";
    else
      out << value_text(a.before) << " -> " << value_text(a.after);
    out << "\n";
  }
  out << "    }\n\n";
}

}  // namespace

std::string plan_summary_line(const PlanSummary& s) {
  std::ostringstream out;
  out << "Plan: " << s.create << " to create, " << s.update << " to update, " << s.replace
      << " to replace, ";
  if (s.rotate) out << s.rotate << " to rotate, ";
  out << s.remove << " to delete.";
  return out.str();
}

std::string render_plan_human(const Plan& plan) {
  std::ostringstream out;
  const PlanSummary s = plan.summary();
  if (s.changes() == 0) {
    out << "No changes. The image service matches the manifests (" << s.no_op << " image"
        << (s.no_op == 1 ? "" : "s") << ").\n";
    return out.str();
  }
  out << "glancer will perform the following actions:\n\n";
  for (const Change& c : plan.changes)
    if (c.action != Action::no_op) render_change(out, c);
  out << plan_summary_line(s) << "\n";
  return out.str();
}

std::string render_plan_json(const Plan& plan) { return plan_to_json(plan).dump(2) + "\n"; }

}  // namespace glancer
