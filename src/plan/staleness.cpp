#include "plan/staleness.h"

#include <map>

#include "plan/labels.h"

namespace glancer {

Status check_not_stale(const Plan& plan, const std::vector<Image>& live_now) {
  std::map<std::string, const Image*> by_id;
  for (const Image& im : live_now) by_id[im.id] = &im;

  std::vector<std::string> moved;
  for (const Change& c : plan.changes) {
    if (c.action == Action::no_op) continue;
    const std::string who = "`" + c.set + "/" + c.key + "`";
    if (c.live) {
      auto it = by_id.find(c.live->id);
      if (it == by_id.end()) {
        moved.push_back(who + " (" + c.live->id + ") no longer exists");
      } else if (it->second->updated_at != c.live->updated_at ||
                 it->second->checksum != c.live->checksum) {
        moved.push_back(who + " (" + c.live->id + ") changed at " + it->second->updated_at +
                        " (planned against " + c.live->updated_at + ")");
      }
    } else if (c.action == Action::create) {
      for (const Image& im : live_now)
        if (im.property(labels::k_set) == c.set && im.property(labels::k_key) == c.key)
          moved.push_back(
              who + " was created since the plan (" + im.id +
              (im.property(labels::k_pending) ? ", left pending by an interrupted apply)" : ")"));
    }
  }
  if (moved.empty()) return {};
  std::string msg = "plan is stale: the image service changed since it was made:";
  for (const auto& m : moved) msg += "\n  - " + m;
  msg += "\nRun `glancer plan` again.";
  return fail(ErrorCode::stale_plan, msg);
}

}  // namespace glancer
