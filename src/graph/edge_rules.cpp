#include "graph/edge_rules.h"

#include <algorithm>
#include <map>

namespace glancer {

namespace {

bool makes_image(Action a) {
  return a == Action::create || a == Action::replace || a == Action::rotate;
}

std::map<std::string, size_t> changes_by_ref(const std::vector<Change>& changes) {
  std::map<std::string, size_t> out;
  for (size_t i = 0; i < changes.size(); ++i)
    if (changes[i].action != Action::remove)
      out.emplace(image_ref(changes[i].set, changes[i].key), i);
  return out;
}

// Calls fn(referrer, producer) for each change that references another change's image.
template <class Fn>
void for_each_reference(const std::vector<Change>& changes, const NodeIndex& index, Fn fn) {
  auto by_ref = changes_by_ref(changes);
  for (size_t i = 0; i < changes.size(); ++i) {
    if (index.main[i] < 0) continue;
    for (const std::string& ref : changes[i].references) {
      auto producer = by_ref.find(ref);
      if (producer != by_ref.end() && producer->second != i) fn(i, producer->second);
    }
  }
}

}  // namespace

void add_reference_edges(const std::vector<Change>& changes, const NodeIndex& index,
                         std::vector<ActionEdge>& out) {
  for_each_reference(changes, index, [&](size_t referrer, size_t producer) {
    if (!makes_image(changes[producer].action) || index.main[producer] < 0) return;
    out.push_back({static_cast<size_t>(index.main[producer]),
                   static_cast<size_t>(index.main[referrer]), "reference"});
  });
}

void add_replace_edges(const std::vector<Change>& changes, const NodeIndex& index,
                       std::vector<ActionEdge>& out) {
  for (size_t i = 0; i < changes.size(); ++i)
    if (index.main[i] >= 0 && index.retire[i] >= 0)
      out.push_back({static_cast<size_t>(index.main[i]), static_cast<size_t>(index.retire[i]),
                     "create-before-destroy"});
}

void add_retire_after_referrers_edges(const std::vector<Change>& changes, const NodeIndex& index,
                                      std::vector<ActionEdge>& out) {
  for_each_reference(changes, index, [&](size_t referrer, size_t producer) {
    if (index.retire[producer] < 0) return;
    out.push_back({static_cast<size_t>(index.main[referrer]),
                   static_cast<size_t>(index.retire[producer]), "retire-after-referrers"});
  });
}

void add_reverse_delete_edges(const std::vector<Change>& changes, const NodeIndex& index,
                              std::vector<ActionEdge>& out) {
  std::map<std::string, size_t> delete_of_id;
  for (size_t i = 0; i < changes.size(); ++i)
    if (changes[i].action == Action::remove && changes[i].live && index.main[i] >= 0)
      delete_of_id[changes[i].live->id] = i;
  for (size_t i = 0; i < changes.size(); ++i) {
    if (!changes[i].live || index.main[i] < 0) continue;
    for (const std::string& id : changes[i].live->references) {
      auto target = delete_of_id.find(id);
      if (target == delete_of_id.end() || target->second == i) continue;
      // The old image of a replace stops referencing when it is retired.
      long before = index.retire[i] >= 0 ? index.retire[i] : index.main[i];
      out.push_back({static_cast<size_t>(before), static_cast<size_t>(index.main[target->second]),
                     "reverse-delete"});
    }
  }
}

}  // namespace glancer
