#include "plan/change.h"

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

}  // namespace glancer
