#include "plan/targeting.h"

#include <map>

namespace glancer {

bool change_matches(const Change& c, const std::string& name) {
  return name == c.key || name == image_ref(c.set, c.key);
}

Result<std::vector<Change>> restrict_to_targets(const std::vector<Change>& changes,
                                                const std::vector<std::string>& targets) {
  std::set<std::string> keep;  // set/key
  std::vector<std::string> todo;
  for (const std::string& t : targets) {
    bool found = false;
    for (const Change& c : changes)
      if (change_matches(c, t)) {
        found = true;
        todo.push_back(image_ref(c.set, c.key));
      }
    if (!found)
      return fail(ErrorCode::invalid_argument,
                  "--target `" + t + "` names no image of the loaded sets");
  }
  std::map<std::string, const Change*> by_ref;
  for (const Change& c : changes)
    if (c.action != Action::remove) by_ref[image_ref(c.set, c.key)] = &c;
  while (!todo.empty()) {
    std::string ref = todo.back();
    todo.pop_back();
    if (!keep.insert(ref).second) continue;
    if (auto it = by_ref.find(ref); it != by_ref.end())
      for (const std::string& dep : it->second->references) todo.push_back(dep);
  }
  std::vector<Change> out;
  for (const Change& c : changes)
    if (keep.count(image_ref(c.set, c.key))) out.push_back(c);
  return out;
}

Status check_prevent_destroy(const std::vector<Change>& changes) {
  std::string msg;
  SourcePos where;
  for (const Change& c : changes) {
    bool destroys =
        c.action == Action::remove || c.action == Action::replace || c.action == Action::rotate;
    if (!destroys || !c.desired || !c.desired->lifecycle.prevent_destroy) continue;
    if (msg.empty()) where = c.desired->pos("lifecycle.prevent_destroy");
    msg += (msg.empty() ? "" : "\n") + std::string("image `") + image_ref(c.set, c.key) +
           "` has lifecycle.prevent_destroy, but the plan would " +
           (c.action == Action::remove ? "delete" : "replace") + " it" +
           (c.reason.empty() ? "" : " (" + c.reason + ")") +
           "; remove prevent_destroy to allow it, or undo the change that requires it";
  }
  if (msg.empty()) return {};
  return fail(ErrorCode::invalid_manifest, msg, where);
}

}  // namespace glancer
