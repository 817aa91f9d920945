#pragma once
/// Narrowing and guarding a plan after diff: --target, --replace's companion checks, and
/// lifecycle.prevent_destroy. All pure.

#include <set>
#include <string>
#include <vector>

#include "core/result.h"
#include "plan/change.h"

namespace glancer {

/// Fails (invalid_argument) on the first of `names` ("KEY" or "SET/KEY") that names no change,
/// "OPTION `NAME` names no image of the loaded sets", suggesting the nearest key if one is close.
Status check_names(const std::vector<Change>& changes, const std::vector<std::string>& names,
                   const std::string& option);

/// Fails (invalid_argument) if a --replace name is not among the changes --target kept.
Status check_replace_within_targets(const std::vector<Change>& narrowed,
                                    const std::vector<std::string>& replace);

/// Keeps only the changes of the targeted images and of the images they reference,
/// transitively. A target is "KEY" or "SET/KEY"; an unknown target is an error (check_names).
Result<std::vector<Change>> restrict_to_targets(const std::vector<Change>& changes,
                                                const std::vector<std::string>& targets);

/// Fails (invalid_manifest, at the image's position) if a change would delete or replace an
/// image whose manifest sets lifecycle.prevent_destroy, naming every such image. A rotation is
/// no destroy (the current image stays as a previous version); deleting a previous version
/// past rotation.keep (retire: delete) is one.
Status check_prevent_destroy(const std::vector<Change>& changes);

/// True if `change` is named by `name` ("KEY" or "SET/KEY").
bool change_matches(const Change& change, const std::string& name);

}  // namespace glancer
