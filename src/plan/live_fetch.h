#pragma once
/// Reading the live state a plan or a drift report compares the manifests with. A plan reads
/// what it manages, never the whole catalogue: one listing per loaded set, filtered by the
/// service on the glancer.set label, and lookups by name for the few unlabelled images that
/// matter to it.

#include <map>
#include <string>
#include <vector>

#include "core/result.h"
#include "glance/image_service.h"
#include "manifest/desired_state.h"
#include "plan/diff.h"

namespace glancer {

/// What a plan reads from the service, taken from the manifests.
struct LiveScope {
  /// The loaded sets: each is listed by its label (visible, hidden, community images alike).
  std::vector<std::string> sets;
  /// Names of desired public images: an unlabelled public image of one is a name clash.
  std::vector<std::string> public_names;
  /// Each desired image with a rotation, by "set/key": a rotation names the image it supersedes
  /// after it (previous_name_candidates) unless a live image has that name.
  std::map<std::string, DesiredImage> rotated;
};

/// The scope of `desired`.
LiveScope live_scope(const DesiredState& desired);

/// The images of `sets`: one listing per set (up to four at a time), filtered by the service on
/// glancer.set,
/// ordered by created_at then id.
Result<std::vector<Image>> list_sets(ImageService& service, const std::vector<std::string>& sets);

/// The images of the scope's sets, plus every image (labelled or not, any visibility) named like
/// a desired public image or like a name a rotation could give (one lookup by name), plus the
/// members of the managed shared images. Ordered by created_at then id.
Result<LiveState> fetch_live(ImageService& service, const LiveScope& scope);

}  // namespace glancer
