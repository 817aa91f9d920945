#pragma once
/// Public names that point at two images: an unlabelled public image beside a managed public
/// image of the same name. Customers who boot by name get either. plan warns, drift reports it
/// (DriftKind::ambiguous). Pure.

#include <string>
#include <vector>

#include "core/diagnostics.h"
#include "glance/image.h"
#include "manifest/desired_state.h"

namespace glancer {

/// A desired public image and an unlabelled public image of the same name.
struct NameClash {
  const DesiredImage* desired = nullptr;
  const Image* unlabelled = nullptr;
};

/// Every unlabelled (no glancer.set) public image of `live` named like a public image of
/// `desired`, in desired order, then live order. The pointers point into the arguments.
std::vector<NameClash> public_name_clashes(const std::vector<DesiredImage>& desired,
                                           const std::vector<Image>& live);

/// What the clash means and what to do, one line: "the unlabelled public image ID is also
/// named "NAME": customers booting by name get either; rename it, …".
std::string name_clash_detail(const NameClash& clash);

/// A warning for each clash at the desired image's `name`, "image `SET/KEY`: " + the detail.
void warn_name_clashes(const std::vector<DesiredImage>& desired, const std::vector<Image>& live,
                       Diagnostics& out);

}  // namespace glancer
