#include "plan/diff.h"

#include <algorithm>
#include <chrono>
#include <functional>
#include <iterator>
#include <optional>
#include <set>
#include <tuple>

#include "core/uuid.h"
#include "manifest/scs_0102.h"
#include "plan/labels.h"
#include "plan/references.h"

namespace glancer {

namespace {

using nlohmann::json;

bool is_ignored(const DesiredImage& d, const std::string& path) {
  const auto& ig = d.lifecycle.ignore_changes;
  return std::find(ig.begin(), ig.end(), path) != ig.end();
}

// Live statuses with data that a desired image can keep.
bool has_data(const Image& im) {
  return im.status == "active" || im.status == "deactivated";
}

bool is_label(const std::string& key) {
  return key.rfind(labels::k_prefix, 0) == 0;
}

json tag_json(const std::set<std::string>& tags) {
  return json(std::vector<std::string>(tags.begin(), tags.end()));
}

void add_if(std::vector<AttributeChange>& out, const DesiredImage& d, const std::string& path,
            const json& before, const json& after) {
  if (before != after && !is_ignored(d, path)) out.push_back({path, before, after});
}

// The JSON of an optional value: null when absent.
template <class T>
json json_of(const std::optional<T>& v) {
  return v ? json(*v) : json(nullptr);
}
template <class T>
json json_of(const T& v) {
  return json(v);
}
json json_of(const std::set<std::string>& tags) {
  return tag_json(tags);
}

// Compares typed values and builds the JSON only for a difference: a plan of a large
// catalogue compares some 100,000 attributes, nearly all equal.
template <class Live, class Want>
void add_if_differs(std::vector<AttributeChange>& out, const DesiredImage& d, const char* path,
                    const Live& before, const Want& after) {
  if (before != after) add_if(out, d, path, json_of(before), json_of(after));
}

LiveRef live_ref(const Image& im) {
  LiveRef ref{im.id,
              im.updated_at,
              im.checksum,
              im.status,
              im.protected_,
              im.hidden,
              {},
              im.property(labels::k_version).value_or(im.created_at.substr(0, 10))};
  for (const auto& [k, v] : im.properties)
    if (!is_label(k) && is_uuid(v) && v != im.id) ref.references.push_back(v);
  return ref;
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

// Whether a new source rotates the image (keeps the current one as a version). With keep 0 and
// retire: delete the superseded image would be deleted at once: that is a replace.
bool rotates(const DesiredImage& d) {
  return d.rotation && !(d.rotation->keep == 0 && d.rotation->retire == "delete");
}

// What pass one decides for a desired image before references can be resolved; decision i is
// about desired image i.
struct Decision {
  const Image* live = nullptr;  // the live image kept or replaced
  Action action = Action::no_op;
  std::string reason;
  std::vector<AttributeChange> replace_attributes;  // why a replace is needed
  std::string target_id;                            // the id the image has after apply
};

Decision decide(const DesiredImage& d, const Image* im, const IdGenerator& new_id,
                bool force_replace) {
  Decision dec{im, Action::no_op, "", {}, ""};
  if (!im) {
    dec.action = Action::create;
    dec.reason = "not in the image service";
  } else if (!has_data(*im)) {
    dec.action = Action::replace;
    dec.reason = "live image has no data (status " + im->status + ")";
  } else if (d.source && d.source->checksum && !content_matches(*d.source->checksum, *im)) {
    dec.action = rotates(d) ? Action::rotate : Action::replace;
    const std::string& version = d.source->version;
    if (!d.rotation || version.empty())
      dec.reason = "source changed";
    else if (im->property(labels::k_version) == version)  // a re-spun upstream file
      dec.reason = "new digest, same version " + version;
    else
      dec.reason = "new source version " + version;
    dec.replace_attributes.push_back({"source.checksum",
                                      im->property(labels::k_digest).value_or(""),
                                      d.source->checksum->to_string()});
  } else if (d.source && !d.source->checksum && !d.source->version.empty() &&
             im->property(labels::k_version).value_or("") != d.source->version) {
    // A URL source without any digest: only its release label can tell a new upstream file.
    dec.action = rotates(d) ? Action::rotate : Action::replace;
    dec.reason =
        (d.rotation ? "new source version " : "source changed: version ") + d.source->version;
    dec.replace_attributes.push_back(
        {"source.version", im->property(labels::k_version).value_or(""), d.source->version});
  } else if (force_replace) {
    dec.action = Action::replace;
    dec.reason = "replacement requested with --replace";
  } else if (im->disk_format.value_or("") != d.disk_format ||
             im->container_format.value_or("") != d.container_format) {
    dec.action = Action::replace;
    dec.reason = "disk_format and container_format cannot change after upload";
    add_if(dec.replace_attributes, d, "disk_format", im->disk_format.value_or(""), d.disk_format);
    add_if(dec.replace_attributes, d, "container_format", im->container_format.value_or(""),
           d.container_format);
  }
  dec.target_id = dec.action == Action::no_op ? im->id : new_id();
  return dec;
}

std::set<std::string> live_names(const LiveState& live) {
  std::set<std::string> names;
  for (const Image& im : live.images)
    if (im.name) names.insert(*im.name);
  return names;
}

// The label a kept version carries in its name: under scs-0102 its build date `YYYYMMDD` (the
// standard's recommended form, which the SCS checker reads as a rotated version of `<name>`),
// else its release label.
std::string version_label(const DesiredImage& d, const Image& im) {
  if (scs::follows_scs_0102(d)) {
    std::optional<std::chrono::sys_seconds> t;
    if (auto built = im.property("image_build_date")) t = scs::parse_date(*built);
    if (!t) t = scs::parse_version_date(im.property(labels::k_version).value_or(""));
    std::string date = t ? scs::format_build_date(*t) : im.created_at;
    return date.substr(0, 4) + date.substr(5, 2) + date.substr(8, 2);
  }
  return im.property(labels::k_version).value_or(im.created_at.substr(0, 10));
}

// The name a superseded image keeps: "<name> (<version>)" (scs-0102: "<name> <YYYYMMDD>"),
// unless a live image (or an earlier rotation of this plan) has it already: a re-spun upstream
// file of the same version, or two releases within one Last-Modified minute. Then the start of
// its digest tells them apart (then a counter). Taken from the live state alone, so every plan
// picks the same name.
std::string previous_name(const DesiredImage& d, const Image& im, std::set<std::string>& taken) {
  const bool scs = scs::follows_scs_0102(d);
  // scs-0102: the suffix stays one word, so the name still reads "<name> <marker>".
  auto compose = [&](const std::string& label) {
    return scs ? d.name + " " + label : d.name + " (" + label + ")";
  };
  std::string label = version_label(d, im);
  std::string candidate = compose(label);
  if (taken.count(candidate)) {
    const std::string digest = im.property(labels::k_digest).value_or(im.id);
    label += (scs ? "-" : ", ") + digest.substr(digest.find(':') + 1, 8);
    candidate = compose(label);
    for (int n = 2; taken.count(candidate); ++n)
      candidate = compose(label + (scs ? "-" : ", ") + std::to_string(n));
  }
  taken.insert(candidate);
  return candidate;
}

// The live names a new previous version must not take, listed once when first needed.
using TakenNames = std::function<std::set<std::string>&()>;

// Kept versions that share a name (made before rotated names were unique): the oldest keeps
// it, each other one gets the name a rotation would give it now. By image id.
std::map<std::string, std::string> renames_of_duplicates(const DesiredImage& d,
                                                         std::vector<const Image*> kept,
                                                         const TakenNames& taken) {
  std::map<std::string, std::string> out;
  std::stable_sort(kept.begin(), kept.end(), [](const Image* a, const Image* b) {
    return std::tie(a->created_at, a->id) < std::tie(b->created_at, b->id);
  });
  std::set<std::string> seen;
  for (const Image* im : kept)
    if (im->property(labels::k_previous) && !seen.insert(im->name.value_or("")).second)
      out[im->id] = previous_name(d, *im, taken());
  return out;
}

// Previous versions past rotation.keep (newest first; a rotation in this plan adds one more)
// are retired as the manifest says; kept versions that share a name are renamed. Each change
// runs after the key's rotation.
void retire_versions(const DesiredImage& d, std::vector<const Image*> kept, bool rotating,
                     const TakenNames& taken, std::vector<Change>& out) {
  std::stable_sort(kept.begin(), kept.end(), [](const Image* a, const Image* b) {
    return std::make_tuple(a->property(labels::k_previous), a->created_at) >
           std::make_tuple(b->property(labels::k_previous), b->created_at);
  });
  const auto renames = renames_of_duplicates(d, kept, taken);
  const size_t newer = rotating ? 1 : 0;
  for (size_t i = 0; i < kept.size(); ++i) {
    const Image& im = *kept[i];
    const bool retired = i + newer >= static_cast<size_t>(d.rotation->keep);
    const auto rename = renames.find(im.id);
    if (!retired && rename == renames.end()) continue;
    Change c = delete_of(im, "");
    c.references = {image_ref(d.set, d.key)};
    if (retired) {
      c.reason = "retired: beyond rotation.keep " + std::to_string(d.rotation->keep) +
                 " (version " + im.property(labels::k_version).value_or(im.created_at) + ")";
      if (d.rotation->retire == "delete") {
        out.push_back(std::move(c));
        continue;
      }
      if (d.rotation->retire == "deactivate" && im.status != "deactivated")
        c.attributes = {{"status", im.status, "deactivated"}};
      if (d.rotation->retire == "hide" && (im.visibility != "private" || !im.hidden)) {
        c.attributes = {{"visibility", im.visibility, "private"}};
        if (!im.hidden) c.attributes.push_back({"hidden", false, true});
      }
    }
    if (rename != renames.end()) {
      c.attributes.insert(c.attributes.begin(), {"name", c.name, rename->second});
      if (c.reason.empty()) c.reason = "another kept version is also named \"" + c.name + "\"";
    }
    if (c.attributes.empty()) continue;
    c.action = Action::update;
    out.push_back(std::move(c));
  }
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
  add_if_differs(out, d, "name", live.name, d.name);
  add_if_differs(out, d, "visibility", live.visibility, d.visibility);
  add_if_differs(out, d, "protected", live.protected_, d.protected_);
  add_if_differs(out, d, "hidden", live.hidden, d.hidden);
  add_if_differs(out, d, "status", live.status, d.status);
  add_if_differs(out, d, "min_disk", live.min_disk, d.min_disk);
  add_if_differs(out, d, "min_ram", live.min_ram, d.min_ram);
  add_if_differs(out, d, "tags", live.tags, d.tags);

  // Properties: every key either side has, except labels and Glance's own keys. Both maps
  // are sorted, so one merge walk visits the keys in order.
  auto want = d.properties.begin();
  auto have = live.properties.begin();
  while (want != d.properties.end() || have != live.properties.end()) {
    if (have != live.properties.end() &&
        (is_label(have->first) || is_glance_managed_key(have->first))) {
      ++have;
      continue;
    }
    bool take_want =
        want != d.properties.end() && (have == live.properties.end() || want->first <= have->first);
    bool take_have =
        have != live.properties.end() && (want == d.properties.end() || have->first <= want->first);
    const std::string& key = take_want ? want->first : have->first;
    const std::string* after = take_want ? &want->second : nullptr;
    const std::string* before = take_have ? &have->second : nullptr;
    if (!before || !after || *before != *after)
      add_if(out, d, "properties." + key, before ? json(*before) : json(nullptr),
             after ? json(*after) : json(nullptr));
    if (take_want) ++want;
    if (take_have) ++have;
  }

  // The release label, when the manifest names the release: a new `version:` for the same data
  // (a corrected label) updates it. A file's modification time is no release of its own: a
  // fresh checkout would otherwise relabel every image.
  if (d.source && !d.source->version.empty() && d.field_pos.count("source.version")) {
    auto label = live.property(labels::k_version);
    if (label != d.source->version)
      add_if(out, d, std::string("properties.") + labels::k_version, json_of(label),
             d.source->version);
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

std::vector<Change> diff(DesiredState desired, const LiveState& live, const IdGenerator& new_id,
                         const std::set<std::string>& force_replace) {
  // Index the managed live images of loaded sets by set/key; pending ones are leftovers.
  std::map<std::string, std::vector<const Image*>> by_key;
  std::map<std::string, std::vector<const Image*>> versions;  // kept previous versions by key
  std::vector<Change> deletes;
  for (const Image& im : live.images) {
    auto set = im.property(labels::k_set);
    auto key = im.property(labels::k_key);
    if (!set || !key || !desired.has_set(*set)) continue;
    if (im.property(labels::k_pending)) {
      deletes.push_back(delete_of(im, "left unfinished by an interrupted apply"));
      continue;
    }
    (im.property(labels::k_previous) ? versions : by_key)[image_ref(*set, *key)].push_back(&im);
  }

  // Pass one: what happens to each desired image, and the id it will have.
  std::vector<Decision> decisions;
  std::map<std::string, std::string> target_ids;                // set/key → id after apply
  std::map<std::string, std::vector<std::string>> sets_of_key;  // key → sets having it
  for (const DesiredImage& d : desired.images) {
    const Image* current = nullptr;
    if (auto found = by_key.find(image_ref(d.set, d.key)); found != by_key.end()) {
      // Several live images for one key (an apply died between publishing a replacement and
      // deleting the old image, or two applies raced): keep one, delete the others. The kept
      // one is the first of: has data, holds the desired content, oldest, lowest id, so the
      // choice never depends on listing order and the longest-published id survives.
      std::vector<const Image*> candidates = found->second;
      auto rank = [&d](const Image* im) {
        const bool content =
            d.source && d.source->checksum && content_matches(*d.source->checksum, *im);
        return std::make_tuple(!has_data(*im), !content, im->created_at, im->id);
      };
      std::stable_sort(candidates.begin(), candidates.end(),
                       [&](const Image* a, const Image* b) { return rank(a) < rank(b); });
      current = candidates.front();
      for (size_t i = 1; i < candidates.size(); ++i)
        deletes.push_back(
            delete_of(*candidates[i], "duplicate of " + current->id + " for the same key"));
    }
    const bool forced = force_replace.count(d.key) || force_replace.count(image_ref(d.set, d.key));
    decisions.push_back(decide(d, current, new_id, forced));
    target_ids[image_ref(d.set, d.key)] = decisions.back().target_id;
    sets_of_key[d.key].push_back(d.set);
  }

  // Pass two: substitute references, then compare attributes.
  std::optional<std::set<std::string>> taken_names;  // listed when first needed
  const TakenNames taken = [&]() -> std::set<std::string>& {
    if (!taken_names) taken_names = live_names(live);
    return *taken_names;
  };
  std::vector<Change> changes;
  changes.reserve(decisions.size() + deletes.size());  // a Change is large: never move them all
  static const std::vector<Member> k_no_members;
  for (size_t i = 0; i < decisions.size(); ++i) {
    const Decision& dec = decisions[i];
    DesiredImage d = std::move(desired.images[i]);  // the image of decision i; not read again
    std::vector<std::string> refs;
    auto resolve = [&](const ReferenceToken& t) -> std::optional<std::string> {
      std::string set = t.set;
      if (set.empty()) {  // same set first, then the one set that has the key
        auto sets = sets_of_key.find(t.key);
        if (target_ids.count(image_ref(d.set, t.key)))
          set = d.set;
        else if (sets != sets_of_key.end() && sets->second.size() == 1)
          set = sets->second.front();
      }
      auto id = target_ids.find(image_ref(set, t.key));
      if (id == target_ids.end()) return std::nullopt;
      refs.push_back(image_ref(set, t.key));
      return id->second;
    };
    for (auto& [k, v] : d.properties) v = substitute_references(v, resolve);
    std::sort(refs.begin(), refs.end());
    refs.erase(std::unique(refs.begin(), refs.end()), refs.end());

    Change c;
    c.set = d.set;
    c.key = d.key;
    c.name = d.name;
    c.action = dec.action;
    c.reason = dec.reason;
    c.references = std::move(refs);
    if (dec.live) c.live = live_ref(*dec.live);
    if (dec.action == Action::no_op) {
      auto m = live.members.find(dec.live->id);
      c.attributes =
          diff_attributes(d, *dec.live, m == live.members.end() ? k_no_members : m->second);
      if (!c.attributes.empty()) {
        c.action = Action::update;
        c.reason = "attributes differ";
      }
    } else {
      c.new_id = dec.target_id;
      c.attributes =
          dec.replace_attributes.empty() ? creation_attributes(d) : dec.replace_attributes;
      if (c.action == Action::rotate) {
        c.previous_name = previous_name(d, *dec.live, taken());
        c.attributes.push_back({"previous.name", d.name, c.previous_name});
        if (scs::follows_scs_0102(d) && dec.live->property("os_purpose") == "generic")
          c.attributes.push_back(
              {"previous.os_purpose", "generic", std::string(scs::k_old_generic)});
      }
    }
    if (d.rotation) {
      std::vector<const Image*> old;
      if (auto kept = versions.find(image_ref(d.set, d.key)); kept != versions.end())
        old = kept->second;
      // keep 0: the image this rotation supersedes is retired in the same apply.
      if (c.action == Action::rotate && d.rotation->keep == 0) old.push_back(dec.live);
      if (!old.empty())
        retire_versions(d, std::move(old), c.action == Action::rotate, taken, deletes);
    }
    c.desired = std::move(d);
    changes.push_back(std::move(c));
  }

  // Labelled images of loaded sets whose key is gone from the manifests, with their versions.
  for (const auto* group : {&by_key, &versions})
    for (const auto& [rk, images] : *group)
      if (!target_ids.count(rk))
        for (const Image* im : images)
          deletes.push_back(delete_of(*im, "removed from the manifests"));

  std::stable_sort(deletes.begin(), deletes.end(), [](const Change& a, const Change& b) {
    return std::tie(a.set, a.key, a.live->id) < std::tie(b.set, b.key, b.live->id);
  });
  changes.insert(changes.end(), std::make_move_iterator(deletes.begin()),
                 std::make_move_iterator(deletes.end()));
  return changes;
}

}  // namespace glancer
