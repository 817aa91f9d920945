#pragma once
/// Internal to manifest/: checks across every loaded image: image names unique within a set,
/// and `${image.KEY.id}` / `${image.SET/KEY.id}` references resolved, acyclic and recorded.

#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.h"
#include "manifest/desired_state.h"
#include "manifest/reference_token.h"

namespace glancer::manifest {

/// Checks that span images, once every file is loaded, and reports into `diags`:
/// - two images of one set with the same `name`, at the second one's name;
/// - malformed, unknown, ambiguous and self references, at the property holding them;
///   `${image.KEY.id}` names an image of the same set, else the only image with that key in
///   any loaded set; with several candidates `${image.SET/KEY.id}` is required;
/// - every reference cycle once, as "reference cycle: a -> b -> a", starting from the smallest
///   image (by set, then key) and reported at that image's reference.
/// Fills DesiredImage::references with every reference that resolved. A problem inherited
/// from `defaults:` is reported once, not once per image.
void check_across_images(DesiredState& state, Diagnostics& diags);

}  // namespace glancer::manifest
