#include "plan/change.h"

#include <functional>

#include "plan/plan.h"

namespace glancer {

const char* action_name(Action action) {
  switch (action) {
    case Action::create: return "create";
    case Action::update: return "update";
    case Action::replace: return "replace";
    case Action::rotate: return "rotate";
    case Action::remove: return "delete";
    case Action::no_op: return "no-op";
  }
  return "no-op";
}

std::optional<Action> parse_action(const std::string& name) {
  for (Action a : {Action::create, Action::update, Action::replace, Action::rotate, Action::remove,
                   Action::no_op})
    if (name == action_name(a)) return a;
  return std::nullopt;
}

const char* action_symbol(Action action) {
  switch (action) {
    case Action::create: return "+";
    case Action::update: return "~";
    case Action::replace: return "-/+";
    case Action::rotate: return "+/~";
    case Action::remove: return "-";
    case Action::no_op: return " ";
  }
  return " ";
}

PlanSummary Plan::summary() const {
  PlanSummary s;
  for (const Change& c : changes) {
    if (c.error) {
      ++s.errors;
      continue;
    }
    switch (c.action) {
      case Action::create: ++s.create; break;
      case Action::update: ++s.update; break;
      case Action::replace: ++s.replace; break;
      case Action::rotate: ++s.rotate; break;
      case Action::remove: ++s.remove; break;
      case Action::no_op: ++s.no_op; break;
    }
  }
  return s;
}

std::map<size_t, std::string> blocked_changes(const Plan& plan) {
  std::map<std::string, size_t> by_ref;  // set/key → its change (not a delete)
  for (size_t i = 0; i < plan.changes.size(); ++i)
    if (plan.changes[i].action != Action::remove)
      by_ref.emplace(image_ref(plan.changes[i].set, plan.changes[i].key), i);
  // What blocks each change, memoized: "" for nothing; references are acyclic (validated).
  std::map<size_t, std::string> memo;
  std::function<std::string(size_t)> blocker = [&](size_t i) -> std::string {
    if (auto m = memo.find(i); m != memo.end()) return m->second;
    memo[i] = "";  // guards against a cycle all the same
    std::string found;
    for (const std::string& ref : plan.changes[i].references) {
      auto dep = by_ref.find(ref);
      if (dep == by_ref.end() || dep->second == i) continue;
      const Change& d = plan.changes[dep->second];
      found = d.error && d.action != Action::no_op ? ref : blocker(dep->second);
      if (!found.empty()) break;
    }
    return memo[i] = found;
  };
  std::map<size_t, std::string> out;
  for (size_t i = 0; i < plan.changes.size(); ++i)
    if (!plan.changes[i].error && plan.changes[i].action != Action::no_op)
      if (std::string b = blocker(i); !b.empty()) out.emplace(i, b);
  return out;
}

}  // namespace glancer
