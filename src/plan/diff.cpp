#include "plan/diff.h"

#include <algorithm>
#include <tuple>

#include "plan/labels.h"

namespace glancer {

namespace {

using nlohmann::json;

bool is_ignored(const DesiredImage& d, const std::string& path) {
  const auto& ig = d.lifecycle.ignore_changes;
  return std::find(ig.begin(), ig.end(), path) != ig.end();
}

// Live statuses with data that a desired image can keep.
bool has_data(const Image& im) { return im.status == "active" || im.status == "deactivated"; }

bool is_label(const std::string& key) { return key.rfind(labels::k_prefix, 0) == 0; }

json tag_json(const std::set<std::string>& tags) {
  return json(std::vector<std::string>(tags.begin(), tags.end()));
}

void add_if(std::vector<AttributeChange>& out, const DesiredImage& d, const std::string& path,
            const json& before, const json& after) {
  if (before != after && !is_ignored(d, path)) out.push_back({path, before, after});
}

std::string ref_key(const std::string& set, const std::string& key) { return set + "\x1f" + key; }

LiveRef live_ref(const Image& im) {
  return LiveRef{im.id, im.updated_at, im.checksum, im.status, im.protected_};
}

Change change_for(const DesiredImage& d, Action action, std::string reason) {
  Change c;
  c.set = d.set;
  c.key = d.key;
  c.name = d.name;
  c.action = action;
  c.reason = std::move(reason);
  c.desired = d;
  return c;
}

Change delete_of(const Image& im, std::string reason) {
  Change c;
  c.set = im.property(labels::k_set).value_or("");
  c.key = im.property(labels::k_key).value_or("");
  c.name = im.name.value_or("");
  c.action = Action::remove;
  c.reason = std::move(reason);
  c.live = live_ref(im);
  return c;
}

// The creation attributes shown for a new image (before = null).
std::vector<AttributeChange> creation_attributes(const DesiredImage& d) {
  std::vector<AttributeChange> out;
  auto add = [&](const std::string& p, const json& v) { out.push_back({p, nullptr, v}); };
  add("name", d.name);
  add("disk_format", d.disk_format);
  add("container_format", d.container_format);
  add("visibility", d.visibility);
  if (d.protected_) add("protected", true);
  if (d.hidden) add("hidden", true);
  if (d.status != "active") add("status", d.status);
  if (d.min_disk) add("min_disk", d.min_disk);
  if (d.min_ram) add("min_ram", d.min_ram);
  if (!d.tags.empty()) add("tags", tag_json(d.tags));
  for (const auto& [k, v] : d.properties) add("properties." + k, v);
  if (!d.members.empty()) add("members", tag_json(d.members));
  if (d.source && d.source->checksum) add("source.checksum", d.source->checksum->to_string());
  return out;
}

}  // namespace

bool content_matches(const Digest& desired, const Image& live) {
  if (desired.algo == HashAlgo::md5) return live.checksum == desired.hex;
  if (desired.algo == HashAlgo::sha512 && live.os_hash_algo == "sha512")
    return live.os_hash_value == desired.hex;
  auto label = live.property(labels::k_digest);
  return label && *label == desired.to_string();
}

std::vector<AttributeChange> diff_attributes(const DesiredImage& d, const Image& live,
                                             const std::vector<Member>& live_members) {
  std::vector<AttributeChange> out;
  add_if(out, d, "name", live.name ? json(*live.name) : json(nullptr), d.name);
  add_if(out, d, "visibility", live.visibility, d.visibility);
  add_if(out, d, "protected", live.protected_, d.protected_);
  add_if(out, d, "hidden", live.hidden, d.hidden);
  add_if(out, d, "status", live.status, d.status);
  add_if(out, d, "min_disk", live.min_disk, d.min_disk);
  add_if(out, d, "min_ram", live.min_ram, d.min_ram);
  add_if(out, d, "tags", tag_json(live.tags), tag_json(d.tags));

  // Properties: every key either side has, except labels and Glance's own keys.
  std::set<std::string> keys;
  for (const auto& [k, v] : d.properties) keys.insert(k);
  for (const auto& [k, v] : live.properties)
    if (!is_label(k) && !is_glance_managed_key(k)) keys.insert(k);
  for (const std::string& k : keys) {
    auto want = d.properties.find(k);
    auto have = live.properties.find(k);
    add_if(out, d, "properties." + k, have == live.properties.end() ? json(nullptr) : json(have->second),
           want == d.properties.end() ? json(nullptr) : json(want->second));
  }

  // Members only matter for shared images; a member's own acceptance status is theirs.
  if (d.visibility == "shared" || !live_members.empty()) {
    std::set<std::string> have;
    for (const Member& m : live_members) have.insert(m.member_id);
    std::set<std::string> want = d.visibility == "shared" ? d.members : std::set<std::string>{};
    add_if(out, d, "members", tag_json(have), tag_json(want));
  }
  return out;
}

std::vector<Change> diff(const DesiredState& desired, const LiveState& live) {
  // Index the managed live images of loaded sets by (set, key); pending ones are leftovers.
  std::map<std::string, std::vector<const Image*>> by_key;
  std::vector<Change> deletes;
  for (const Image& im : live.images) {
    auto set = im.property(labels::k_set);
    auto key = im.property(labels::k_key);
    if (!set || !key || !desired.has_set(*set)) continue;
    if (im.property(labels::k_pending)) {
      deletes.push_back(delete_of(im, "left unfinished by an interrupted apply"));
      continue;
    }
    by_key[ref_key(*set, *key)].push_back(&im);
  }

  std::vector<Change> changes;
  std::set<std::string> seen;
  for (const DesiredImage& d : desired.images) {
    const std::string rk = ref_key(d.set, d.key);
    seen.insert(rk);
    auto found = by_key.find(rk);
    if (found == by_key.end()) {
      Change c = change_for(d, Action::create, "not in the image service");
      c.attributes = creation_attributes(d);
      changes.push_back(std::move(c));
      continue;
    }
    // Several live images for one key (an apply died between create and delete): keep the newest
    // one that has data, delete the others.
    std::vector<const Image*> candidates = found->second;
    std::stable_sort(candidates.begin(), candidates.end(), [](const Image* a, const Image* b) {
      return std::make_tuple(has_data(*a), a->created_at, a->id) >
             std::make_tuple(has_data(*b), b->created_at, b->id);
    });
    const Image& im = *candidates.front();
    for (size_t i = 1; i < candidates.size(); ++i)
      deletes.push_back(delete_of(*candidates[i], "duplicate of " + im.id + " for the same key"));

    Change c = change_for(d, Action::no_op, "");
    c.live = live_ref(im);
    const Digest* want = d.source && d.source->checksum ? &*d.source->checksum : nullptr;
    if (!has_data(im)) {
      c.action = Action::replace;
      c.reason = "live image has no data (status " + im.status + ")";
    } else if (want && !content_matches(*want, im)) {
      c.action = Action::replace;
      c.reason = "source changed";
      c.attributes.push_back({"source.checksum", im.property(labels::k_digest).value_or(""),
                              want->to_string()});
    } else if (im.disk_format.value_or("") != d.disk_format ||
               im.container_format.value_or("") != d.container_format) {
      c.action = Action::replace;
      c.reason = "disk_format and container_format cannot change after upload";
      add_if(c.attributes, d, "disk_format", im.disk_format.value_or(""), d.disk_format);
      add_if(c.attributes, d, "container_format", im.container_format.value_or(""),
             d.container_format);
    }
    if (c.action == Action::replace) {
      if (c.attributes.empty()) c.attributes = creation_attributes(d);
    } else {
      auto m = live.members.find(im.id);
      static const std::vector<Member> k_none;
      c.attributes = diff_attributes(d, im, m == live.members.end() ? k_none : m->second);
      if (!c.attributes.empty()) {
        c.action = Action::update;
        c.reason = "attributes differ";
      }
    }
    changes.push_back(std::move(c));
  }

  // Labelled images of loaded sets whose key is gone from the manifests.
  for (const auto& [rk, images] : by_key)
    if (!seen.count(rk))
      for (const Image* im : images) deletes.push_back(delete_of(*im, "removed from the manifests"));

  std::stable_sort(deletes.begin(), deletes.end(), [](const Change& a, const Change& b) {
    return std::tie(a.set, a.key, a.live->id) < std::tie(b.set, b.key, b.live->id);
  });
  changes.insert(changes.end(), deletes.begin(), deletes.end());
  return changes;
}

}  // namespace glancer
