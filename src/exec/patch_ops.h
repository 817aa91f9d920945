#pragma once
/// Translates planned attribute changes into Glance JSON-patch operations.

#include <vector>

#include "glance/image.h"
#include "manifest/desired_state.h"
#include "plan/change.h"

namespace glancer {

/// The JSON-patch for the attribute changes that PATCH can carry (everything but `status`,
/// `members`, `source.*`, `disk_format`/`container_format`), in one request per image.
std::vector<PatchOp> patch_for(const std::vector<AttributeChange>& changes);

/// The patch that publishes a freshly uploaded and verified image: final name, visibility,
/// protection, hiding, limits, tags, properties, the digest label, and the pending label removed.
std::vector<PatchOp> publish_patch(const DesiredImage& desired, const Digest& digest);

/// The patch that turns a current image into a kept previous version: renamed
/// "<name> (<version>)", hidden, and labelled with when it was superseded; with `os_purpose`
/// (scs-0102: `oldgeneric` for a generic image) its os_purpose too.
std::vector<PatchOp> demote_patch(const std::string& previous_name,
                                  const std::string& superseded_at,
                                  const std::string& os_purpose = "");

}  // namespace glancer
