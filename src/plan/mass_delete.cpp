#include "plan/mass_delete.h"

#include <algorithm>
#include <set>

#include "plan/labels.h"

namespace glancer {

SetFiles files_of_sets(const DesiredState& desired) {
  SetFiles out;
  for (const ImageSetInfo& s : desired.sets) {
    std::vector<std::string>& files = out[s.name];
    const std::string file = s.where.file;
    if (std::find(files.begin(), files.end(), file) == files.end()) files.push_back(file);
  }
  return out;
}

Status check_mass_delete(const std::vector<Change>& changes, const std::vector<Image>& live,
                         const SetFiles& files) {
  std::map<std::string, int> live_count;  // by loaded set
  std::set<std::string> counted_ids;      // the images live_count counted
  for (const Image& im : live) {
    auto set = im.property(labels::k_set);
    if (!set || !files.count(*set) || im.property(labels::k_pending)) continue;
    ++live_count[*set];
    counted_ids.insert(im.id);
  }
  std::map<std::string, int> deletes;
  for (const Change& c : changes)
    if (c.action == Action::remove && c.live && counted_ids.count(c.live->id)) ++deletes[c.set];

  std::string msg;
  for (const auto& [set, n] : deletes) {
    const int of = live_count[set];
    if (n <= 1 || 2 * n <= of) continue;
    std::string loaded;
    for (const std::string& f : files.at(set)) loaded += (loaded.empty() ? "" : ", ") + f;
    msg += (msg.empty() ? "" : "\n") + std::string("the plan would delete ") + std::to_string(n) +
           " of the " + std::to_string(of) + " images of set `" + set + "`, loaded from " + loaded +
           "; a set may span several files: plan with all of them, or pass --allow-mass-delete "
           "if these images should go";
  }
  if (msg.empty()) return {};
  return fail(ErrorCode::forbidden, msg);
}

}  // namespace glancer
