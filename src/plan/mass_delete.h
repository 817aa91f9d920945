#pragma once
/// The mass-delete guard. A set may span files: planning only one of them would delete the rest
/// of the set's images without a word. A plan that would delete most of a set fails unless the
/// operator consents (--allow-mass-delete); `glancer destroy` is consent by itself, and a saved
/// plan exists only if its plan had consent. Pure.

#include <map>
#include <string>
#include <vector>

#include "core/result.h"
#include "glance/image.h"
#include "manifest/desired_state.h"
#include "plan/change.h"

namespace glancer {

/// The manifest files each loaded set was read from, by set, in load order without repeats.
using SetFiles = std::map<std::string, std::vector<std::string>>;

/// The files of every set of `desired` (its documents' positions).
SetFiles files_of_sets(const DesiredState& desired);

/// Fails (forbidden) when `changes` would delete more than half of a loaded set's live images,
/// and more than one, naming each such set, the count and the files it was loaded from. A set's
/// live images are those of `live` labelled with it; leftovers of an interrupted apply
/// (glancer.pending) count on neither side.
Status check_mass_delete(const std::vector<Change>& changes, const std::vector<Image>& live,
                         const SetFiles& files);

}  // namespace glancer
