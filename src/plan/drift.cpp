#include "plan/drift.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <map>
#include <optional>
#include <tuple>

#include "manifest/scs_0102.h"
#include "plan/labels.h"
#include "plan/name_clash.h"

namespace glancer {

namespace {

DriftItem item_for(DriftKind kind, const Image& im, std::string detail) {
  DriftItem it;
  it.kind = kind;
  it.set = im.property(labels::k_set).value_or("");
  it.key = im.property(labels::k_key).value_or("");
  it.name = im.name.value_or("");
  it.image_id = im.id;
  it.detail = std::move(detail);
  return it;
}

}  // namespace

const char* drift_kind_name(DriftKind kind) {
  switch (kind) {
    case DriftKind::missing: return "missing";
    case DriftKind::modified: return "modified";
    case DriftKind::content: return "content";
    case DriftKind::unmanaged: return "unmanaged";
    case DriftKind::broken: return "broken";
    case DriftKind::unfinished: return "unfinished";
    case DriftKind::ambiguous: return "ambiguous";
    case DriftKind::outdated: return "outdated";
    case DriftKind::expired: return "expired";
    case DriftKind::upstream: return "upstream";
  }
  return "modified";
}

std::optional<UnmanagedScope> parse_unmanaged_scope(const std::string& text) {
  if (text == "owned") return UnmanagedScope::owned;
  if (text == "public") return UnmanagedScope::published;
  if (text == "all") return UnmanagedScope::all;
  return std::nullopt;
}

void sort_drift(std::vector<DriftItem>& drift) {
  std::stable_sort(drift.begin(), drift.end(), [](const DriftItem& a, const DriftItem& b) {
    return std::tie(a.set, a.key, a.kind, a.image_id) < std::tie(b.set, b.key, b.kind, b.image_id);
  });
}

bool in_unmanaged_scope(const Image& im, const DriftOptions& o) {
  if (o.unmanaged_scope == UnmanagedScope::all || o.project_id.empty()) return true;
  if (im.owner == o.project_id) return true;
  return o.unmanaged_scope == UnmanagedScope::published &&
         (im.visibility == "public" || im.visibility == "community");
}

std::optional<DriftItem> unmanaged_item(const Image& im, const DesiredState& desired,
                                        const DriftOptions& o) {
  auto set = im.property(labels::k_set);
  if (o.ignore_unmanaged || (set && im.property(labels::k_key) && desired.has_set(*set)) ||
      !in_unmanaged_scope(im, o))
    return std::nullopt;
  if (set)
    return item_for(DriftKind::unmanaged, im,
                    "labelled with set `" + *set + "`, which was not loaded");
  return item_for(DriftKind::unmanaged, im, "not created by glancer (no glancer.set label)");
}

long long seconds_between(const std::string& earlier, const std::string& later) {
  auto parse = [](const std::string& s) -> long long {
    std::tm tm{};
    if (!strptime(s.c_str(), "%Y-%m-%dT%H:%M:%S", &tm)) return 0;
    return static_cast<long long>(timegm(&tm));
  };
  return parse(later) - parse(earlier);
}

namespace {

// True if `d` floats (its digest is read from `checksum_url` at plan time) and the digest the
// live image was made from is another one: upstream moved on, the image was not tampered with.
bool upstream_moved(const DesiredImage& d, const Image& live) {
  if (!d.source || d.source->checksum_url.empty() || !d.source->checksum) return false;
  auto label = live.property(labels::k_digest);
  return label && !label->empty() && *label != d.source->checksum->to_string();
}

// Why an image is broken, or empty if it is not.
std::string broken_reason(const Image& im, const DesiredImage* d, const DriftOptions& o) {
  if (im.status == "killed") return "status killed: the upload failed";
  if (auto failed = im.property("os_glance_failed_import"); failed && !failed->empty())
    return "a Glance import failed (os_glance_failed_import: " + *failed + ")";
  if (im.status == "queued" || im.status == "saving" || im.status == "importing" ||
      im.status == "uploading") {
    long long age = seconds_between(im.updated_at, o.now);
    if (age >= o.stuck_after_seconds)
      return "status " + im.status + " for " + std::to_string(age / 60) + " minutes";
  }
  if (d && d->status == "active" && im.status == "deactivated")
    return "deactivated, but the manifest wants it active";
  return "";
}

// The time of a UTC ISO time ("2026-12-03T08:00:00Z", fractions ignored), if it is one.
std::optional<std::chrono::sys_seconds> iso_time(const std::string& s) {
  return s.size() >= 19 ? scs::parse_date(s.substr(0, 19) + "Z") : std::nullopt;
}

// scs-0102's promises, as the live images of one desired image make them: `current` is the
// newest, `versions` every live image of the key (current included).
void check_promises(const Image& current, const std::vector<const Image*>& versions,
                    const DriftOptions& o, std::vector<DriftItem>& out) {
  const auto now = iso_time(o.now);
  if (!now) return;
  for (const Image* im : versions) {
    const std::string until = im->property("provided_until").value_or("");
    const auto until_t = scs::parse_date(until);
    // provided_until names the last day the image is provided: expired after that day
    if (until_t && *now >= *until_t + std::chrono::days(1) && !im->hidden)
      out.push_back(item_for(DriftKind::expired, *im,
                             "provided_until " + until +
                                 " has passed, and the image is still "
                                 "visible"));
  }
  const std::string frequency = current.property("replace_frequency").value_or("never");
  const auto period = scs::frequency_period(frequency);
  if (!period || period->count() == 0) return;
  const std::string until = current.property("provided_until").value_or("none");
  if (auto until_t = scs::parse_date(until); until_t && *now >= *until_t + std::chrono::days(1))
    return;  // no promise past provided_until
  const std::string built = current.property("image_build_date").value_or("");
  auto built_t = scs::parse_date(built);
  if (!built_t) built_t = iso_time(current.created_at);
  if (!built_t) return;
  const auto due = *built_t + std::chrono::duration_cast<std::chrono::seconds>(*period * 1.1);
  if (*now <= due) return;
  const auto days = std::chrono::floor<std::chrono::days>(*now - *built_t).count();
  out.push_back(item_for(DriftKind::outdated, current,
                         "built " + (built.empty() ? current.created_at : built) + ", " +
                             std::to_string(days) + " days ago: replace_frequency " + frequency +
                             " promised a newer version by " + scs::format_build_date(due)));
}

}  // namespace

DriftReport detect_drift(const DesiredState& desired, const LiveState& live,
                         const DriftOptions& o) {
  DriftReport report;
  report.checked_at = o.now;
  std::map<std::pair<std::string, std::string>, std::vector<const Image*>> managed;
  for (const Image& im : live.images) {
    auto set = im.property(labels::k_set);
    auto key = im.property(labels::k_key);
    if (set && key && desired.has_set(*set)) {
      if (auto pending = im.property(labels::k_pending))
        report.drift.push_back(item_for(DriftKind::unfinished, im,
                                        "left unfinished by an interrupted apply (status " +
                                            im.status + ", pending since " + *pending +
                                            "); the next apply deletes it"));
      else
        managed[{*set, *key}].push_back(&im);
      continue;
    }
    if (auto item = unmanaged_item(im, desired, o)) report.drift.push_back(std::move(*item));
  }

  static const std::vector<Member> k_none;
  for (const DesiredImage& d : desired.images) {
    report.checked.emplace_back(d.set, d.key);
    auto found = managed.find({d.set, d.key});
    std::vector<const Image*> images =
        found == managed.end() ? std::vector<const Image*>{} : found->second;
    // The current image, as plan sees it: never a kept previous version (a rotation can make
    // the new image within the second of the old one's created_at), else the newest.
    const Image* current = nullptr;
    for (const Image* im : images)
      if (!im->property(labels::k_previous) &&
          (!current ||
           std::tie(im->created_at, im->id) > std::tie(current->created_at, current->id)))
        current = im;
    if (!current) {
      DriftItem it;
      it.kind = DriftKind::missing;
      it.set = d.set;
      it.key = d.key;
      it.name = d.name;
      it.detail = "not in the image service";
      report.drift.push_back(std::move(it));
      continue;
    }
    ++report.managed;
    const std::string broken = broken_reason(*current, &d, o);
    if (!broken.empty()) {
      report.drift.push_back(item_for(DriftKind::broken, *current, broken));
    } else if (current->status == "active" || current->status == "deactivated") {
      const Digest* want = d.source && d.source->checksum ? &*d.source->checksum : nullptr;
      if (want && !content_matches(*want, *current))
        report.drift.push_back(upstream_moved(d, *current)
                                   ? item_for(DriftKind::upstream, *current,
                                              "upstream now publishes " + want->to_string() +
                                                  " at " + d.source->checksum_url +
                                                  "; the image holds " +
                                                  *current->property(labels::k_digest) +
                                                  ": the next apply replaces it")
                                   : item_for(DriftKind::content, *current,
                                              "data differs from the source " + want->to_string()));
    }
    if (scs::follows_scs_0102(d)) check_promises(*current, images, o, report.drift);
    auto members = live.members.find(current->id);
    auto attrs =
        diff_attributes(d, *current, members == live.members.end() ? k_none : members->second);
    // A broken image's status is already reported, and an upload in progress is not drift.
    if (!broken.empty() || (current->status != "active" && current->status != "deactivated"))
      attrs.erase(std::remove_if(attrs.begin(), attrs.end(),
                                 [](const AttributeChange& a) { return a.path == "status"; }),
                  attrs.end());
    if (!attrs.empty()) {
      DriftItem it = item_for(DriftKind::modified, *current, "");
      for (const auto& a : attrs) it.detail += (it.detail.empty() ? "" : ", ") + a.path;
      it.detail = "differs in " + it.detail;
      it.attributes = std::move(attrs);
      report.drift.push_back(std::move(it));
    }
  }
  for (const NameClash& clash : public_name_clashes(desired.images, live.images)) {
    DriftItem it = item_for(DriftKind::ambiguous, *clash.unlabelled, name_clash_detail(clash));
    it.set = clash.desired->set;
    it.key = clash.desired->key;
    report.drift.push_back(std::move(it));
  }
  sort_drift(report.drift);
  return report;
}

}  // namespace glancer
