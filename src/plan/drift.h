#pragma once
/// Drift: how the live service departs from the manifests, for scheduled reports. Pure.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "plan/change.h"
#include "plan/diff.h"

namespace glancer {

/// The kinds of drift, as named in drift JSON.
enum class DriftKind {
  missing,    ///< a desired image is gone from the service
  modified,   ///< attributes differ from the manifest
  content,    ///< the data differs from the recorded source
  unmanaged,  ///< an image of the project that no loaded set owns
  broken,     ///< stuck queued/saving, killed, a failed import, or deactivated while desired active
  unfinished,  ///< left by an interrupted apply (glancer.pending): the next apply deletes it
  ambiguous,   ///< an unlabelled public image has the name of a managed public image
  /// scs-0102: the current image is older than its replace_frequency promises (build date +
  /// 1.1 × the period) while its provided_until has not passed
  outdated,
  expired,  ///< scs-0102: past its provided_until date and still visible
  /// upstream published a new release: a floating source (`checksum_url`) whose digest moved
  /// away from the one the live image was made from (its glancer.digest label); the command
  /// line adds tracked images whose index offers a newer release (source.track)
  upstream,
};

/// "missing", "modified", "content", "unmanaged", "broken", "unfinished", "ambiguous",
/// "outdated", "expired", "upstream".
const char* drift_kind_name(DriftKind kind);

/// One finding.
struct DriftItem {
  DriftKind kind = DriftKind::modified;
  std::string set;  ///< empty for unmanaged images without labels
  std::string key;
  std::string name;
  std::string image_id;                     ///< empty for missing images
  std::string detail;                       ///< one line for people
  std::vector<AttributeChange> attributes;  ///< for modified: path, desired (after), live (before)
};

/// Which images no loaded set manages drift reports (`--unmanaged-scope`).
enum class UnmanagedScope {
  owned,      ///< the caller's project's images
  published,  ///< those, and every public and community image (the default)
  all,        ///< every image the caller can list: other projects' private and shared too
};

/// "owned", "public", "all" → the scope; nullopt for anything else.
std::optional<UnmanagedScope> parse_unmanaged_scope(const std::string& text);

/// What drift detection considers.
struct DriftOptions {
  bool ignore_unmanaged = false;
  UnmanagedScope unmanaged_scope = UnmanagedScope::published;
  /// The caller's project: what `owned` means. Empty when the service knows no identity (the
  /// embedded store, a serve without --auth-cloud): then every image is the caller's.
  std::string project_id;
  /// The time now (UTC ISO) and how long an image may sit queued/saving before it is broken.
  std::string now;
  int stuck_after_seconds = 3600;
};

/// A drift report: the findings in a stable order (by set, key, then kind).
struct DriftReport {
  std::string target;
  std::string checked_at;
  int managed = 0;  ///< managed images compared
  /// Every desired image compared, as (set, key) in manifest order, clean ones too (so a report
  /// can list each image once, e.g. one JUnit testcase per image).
  std::vector<std::pair<std::string, std::string>> checked;
  std::vector<DriftItem> drift;
};

/// Compares manifests with the live service without proposing actions. Of the images in
/// `live` that no loaded set manages, those unmanaged_item accepts are unmanaged (drift's
/// streamed scan, plan/unmanaged_scan.h, adds the rest of the service's). Every image of a loaded
/// set labelled glancer.pending is unfinished, whatever its age (the plan deletes it too); an
/// unlabelled public image named like a desired public image is ambiguous (public_name_clashes),
/// also with ignore_unmanaged: the finding is about the managed image's name. Images of a set
/// that follows scs-0102 are checked against the promises their live properties make:
/// outdated (the current version only) and expired (every visible version).
DriftReport detect_drift(const DesiredState& desired, const LiveState& live,
                         const DriftOptions& options);

/// Orders findings as a report lists them: by set, key, kind, then image id.
void sort_drift(std::vector<DriftItem>& drift);

/// True when `im` lies within options.unmanaged_scope for options.project_id.
bool in_unmanaged_scope(const Image& im, const DriftOptions& options);

/// The unmanaged finding for `im`, or nullopt: it belongs to a loaded set, lies outside the
/// scope, or unmanaged images are ignored. A glancer label of a set not loaded is named.
std::optional<DriftItem> unmanaged_item(const Image& im, const DesiredState& desired,
                                        const DriftOptions& options);

/// Seconds between two UTC ISO times ("…Z"); negative if `later` is earlier.
long long seconds_between(const std::string& earlier, const std::string& later);

}  // namespace glancer
