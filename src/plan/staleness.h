#pragma once
/// A saved plan is applied only while the images it was computed from are unchanged.

#include <vector>

#include "core/result.h"
#include "glance/image.h"
#include "plan/plan.h"

namespace glancer {

/// Checks `plan` against the service's images now: every image a change touches must still
/// exist with the same updated_at and checksum, and no image may have appeared for a key the
/// plan creates. Fails with ErrorCode::stale_plan ("plan is stale: …", naming every moved image).
Status check_not_stale(const Plan& plan, const std::vector<Image>& live_now);

}  // namespace glancer
