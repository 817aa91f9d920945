#include "plan/name_clash.h"

#include <map>

#include "plan/change.h"
#include "plan/labels.h"

namespace glancer {

std::vector<NameClash> public_name_clashes(const std::vector<DesiredImage>& desired,
                                           const std::vector<Image>& live) {
  std::multimap<std::string, const Image*> unlabelled;  // public ones, by name
  for (const Image& im : live)
    if (im.visibility == "public" && im.name && !im.property(labels::k_set))
      unlabelled.emplace(*im.name, &im);
  std::vector<NameClash> out;
  if (unlabelled.empty()) return out;
  for (const DesiredImage& d : desired) {
    if (d.visibility != "public") continue;
    auto [first, last] = unlabelled.equal_range(d.name);
    for (auto it = first; it != last; ++it) out.push_back({&d, it->second});
  }
  return out;
}

std::string name_clash_detail(const NameClash& clash) {
  return "the unlabelled public image " + clash.unlabelled->id + " is also named \"" +
         clash.desired->name +
         "\": customers booting by name get either; rename it, make it private or delete it";
}

void warn_name_clashes(const std::vector<DesiredImage>& desired, const std::vector<Image>& live,
                       Diagnostics& out) {
  for (const NameClash& clash : public_name_clashes(desired, live))
    out.warning(clash.desired->pos("name"), "image `" +
                                                image_ref(clash.desired->set, clash.desired->key) +
                                                "`: " + name_clash_detail(clash));
}

}  // namespace glancer
