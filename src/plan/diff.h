#pragma once
/// The planner's heart: a pure function from desired and live state to changes.

#include <functional>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "glance/image.h"
#include "manifest/desired_state.h"
#include "plan/change.h"

namespace glancer {

/// What the service holds, fetched once before diff.
struct LiveState {
  std::vector<Image> images;
  /// Member project ids of managed shared images, by image id (only those fetched).
  std::map<std::string, std::vector<Member>> members;
};

/// Makes the id of each image a plan creates (a random UUID in production, a counter in tests).
using IdGenerator = std::function<std::string()>;

/// Compares desired with live and returns one Change per desired image (create, update,
/// replace or no-op) plus deletes of labelled images of loaded sets that the manifests no longer
/// list, and of images left pending by an interrupted apply. Unlabelled images and images of
/// sets that were not loaded are never touched. Glance-managed keys never cause a diff.
/// Every desired image with a source must have its `source.checksum` resolved beforehand.
/// New images get their id from `new_id` at plan time, so `${image.KEY.id}` references in
/// properties are substituted with the id each image will have after apply.
/// Pure apart from `new_id`: the same inputs give the same changes in the same order.
/// `force_replace` names images ("KEY" or "SET/KEY") to replace even if unchanged (--replace).
/// Takes `desired` by value because the changes keep its images: move it in when done with it.
std::vector<Change> diff(DesiredState desired, const LiveState& live, const IdGenerator& new_id,
                         const std::set<std::string>& force_replace = {});

/// The names a rotation gives `im`, the image of `desired` it supersedes, unless a live image
/// has them: "<name> (<version>)", then "<name> (<version>, <digest start>)" (scs-0102:
/// "<name> <YYYYMMDD>", then "<name> <YYYYMMDD>-<digest start>"; then a counter). A plan looks
/// them up by name, as it does not list every image.
std::pair<std::string, std::string> previous_name_candidates(const DesiredImage& desired,
                                                             const Image& im);

/// The attribute differences between a desired image and its live counterpart (ignoring
/// lifecycle.ignore_changes); empty when they match. Exposed for tests and drift reports.
std::vector<AttributeChange> diff_attributes(const DesiredImage& desired, const Image& live,
                                             const std::vector<Member>& live_members);

/// Whether the live image's content is the desired digest: md5 and sha512 are checked against
/// what Glance computed, other algorithms against the glancer.digest label.
bool content_matches(const Digest& desired, const Image& live);

}  // namespace glancer
