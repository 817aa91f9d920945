#include "plan/targeting.h"

#include <algorithm>
#include <map>
#include <string_view>

#include "manifest/suggest.h"

namespace glancer {

bool change_matches(const Change& c, const std::string& name) {
  return name == c.key || name == image_ref(c.set, c.key);
}

Status check_names(const std::vector<Change>& changes, const std::vector<std::string>& names,
                   const std::string& option) {
  for (const std::string& name : names) {
    if (std::any_of(changes.begin(), changes.end(),
                    [&](const Change& c) { return change_matches(c, name); }))
      continue;
    std::vector<std::string> refs;  // keys and set/keys; the views below point into it
    for (const Change& c : changes) {
      refs.push_back(c.key);
      refs.push_back(image_ref(c.set, c.key));
    }
    std::vector<std::string_view> candidates(refs.begin(), refs.end());
    return fail(ErrorCode::invalid_argument, option + " `" + name +
                                                 "` names no image of the loaded sets" +
                                                 did_you_mean(name, candidates));
  }
  return {};
}

Status check_replace_within_targets(const std::vector<Change>& narrowed,
                                    const std::vector<std::string>& replace) {
  for (const std::string& r : replace)
    if (std::none_of(narrowed.begin(), narrowed.end(),
                     [&](const Change& c) { return change_matches(c, r); }))
      return fail(ErrorCode::invalid_argument,
                  "--replace `" + r +
                      "` names an image outside --target: the plan would not replace it; "
                      "add it to --target, or drop --replace");
  return {};
}

Result<std::vector<Change>> restrict_to_targets(const std::vector<Change>& changes,
                                                const std::vector<std::string>& targets) {
  GLANCER_CHECK(check_names(changes, targets, "--target"));
  std::set<std::string> keep;  // set/key
  std::vector<std::string> todo;
  for (const std::string& t : targets)
    for (const Change& c : changes)
      if (change_matches(c, t)) todo.push_back(image_ref(c.set, c.key));
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

namespace {

// A retirement of a previous version (rotation.retire past keep) references its own key.
bool is_retirement(const Change& c) {
  return c.references.size() == 1 && c.references.front() == image_ref(c.set, c.key);
}

// What `c` destroys of its key's images, for the prevent_destroy message; empty if nothing.
// A rotation keeps the current image as a version (with keep 0 and retire: delete, diff plans
// a replace instead); hiding or deactivating a version destroys nothing.
std::string destruction(const Change& c) {
  switch (c.action) {
    case Action::replace: return "replace it";
    case Action::remove:
      return is_retirement(c) ? "delete its previous version " + c.live->id : "delete it";
    default: return "";
  }
}

}  // namespace

Status check_prevent_destroy(const std::vector<Change>& changes) {
  // The manifest entry of each key: a destroy's deletes carry theirs, a retirement uses its
  // key's current change.
  std::map<std::string, const DesiredImage*> desired;
  for (const Change& c : changes)
    if (c.desired) desired.emplace(image_ref(c.set, c.key), &*c.desired);
  std::string msg;
  SourcePos where;
  for (const Change& c : changes) {
    const DesiredImage* d = c.desired ? &*c.desired : nullptr;
    if (!d && c.action == Action::remove && c.live && is_retirement(c))
      if (auto found = desired.find(image_ref(c.set, c.key)); found != desired.end())
        d = found->second;
    if (!d || !d->lifecycle.prevent_destroy) continue;
    const std::string what = destruction(c);
    if (what.empty()) continue;
    if (msg.empty()) where = d->pos("lifecycle.prevent_destroy");
    msg += (msg.empty() ? "" : "\n") + std::string("image `") + image_ref(c.set, c.key) +
           "` has lifecycle.prevent_destroy, but the plan would " + what +
           (c.reason.empty() ? "" : " (" + c.reason + ")") + "; " +
           (c.action == Action::replace || (c.action == Action::remove && !is_retirement(c))
                ? "remove prevent_destroy to allow it, or undo the change that requires it"
                : "retire versions with rotation.retire: hide or deactivate, or remove "
                  "prevent_destroy to allow it");
  }
  if (msg.empty()) return {};
  return fail(ErrorCode::invalid_manifest, msg, where);
}

}  // namespace glancer
