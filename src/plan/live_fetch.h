#pragma once
/// Reading the live state a plan or a drift report compares the manifests with.

#include <vector>

#include "core/result.h"
#include "glance/image_service.h"
#include "manifest/desired_state.h"
#include "plan/diff.h"

namespace glancer {

/// Lists the service once, plus the members of managed shared images.
Result<LiveState> fetch_live(ImageService& service, const DesiredState& desired);

/// The live state from a listing already made (`listed`: the result of service.list({})),
/// plus the members of the shared images of the sets `desired` loaded (members are not part
/// of an image document). A failed listing is returned as the error.
Result<LiveState> fetch_live(ImageService& service, const DesiredState& desired,
                             Result<std::vector<Image>> listed);

}  // namespace glancer
