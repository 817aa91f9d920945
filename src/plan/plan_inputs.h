#pragma once
/// The inputs of a plan before the live service is read: the manifests, then the contents and
/// digests of their sources. Problems are returned as diagnostics, never printed: the caller
/// prints each group in its order.

#include <string>
#include <vector>

#include "core/diagnostics.h"
#include "core/result.h"
#include "manifest/desired_state.h"
#include "plan/source_resolver.h"
#include "source/source_probe.h"

namespace glancer {

/// What is wrong with a plan's inputs, in three groups a caller shows one after the other, each
/// sorted by position: the manifests' problems (errors and warnings), then, only when the
/// manifests have no error, the image files' content problems, then, only when the contents
/// have no error, the sources that could not be resolved (one error per image).
struct PlanDiagnostics {
  Diagnostics manifests;  ///< from loading the manifests (load_desired)
  Diagnostics contents;   ///< from inspecting the source files (prepare_sources)
  Diagnostics sources;    ///< from resolving digests and release labels (prepare_sources)
};

/// The start of the error when the manifests have errors: "the manifests have N errors".
inline constexpr const char* k_manifest_errors = "the manifests have";
/// The start of the error when the image files have errors: "the image files have N errors".
inline constexpr const char* k_content_errors = "the image files have";
/// The start of the error when sources cannot be resolved: "the image sources have N errors".
inline constexpr const char* k_source_errors = "the image sources have";

/// Nothing if `diags` has no error; else invalid_manifest "WHAT N error(s)" counting the errors
/// (warnings are not counted), e.g. "the manifests have 2 errors".
Status diagnostics_status(const Diagnostics& diags, const std::string& what);

/// Loads the manifests under `paths` (the current directory when empty) into
/// `diags.manifests`; invalid_manifest (k_manifest_errors) if any is an error.
Result<DesiredState> load_desired(const std::vector<std::string>& paths, PlanDiagnostics& diags);

/// Checks every selected file source's content into `diags.contents` (check_source_contents),
/// failing with invalid_manifest (k_content_errors) on any error; then resolves every selected
/// source's digest and release label (resolve_sources). Every image whose source fails is an
/// error in `diags.sources` and is returned; the others are resolved all the same.
Result<std::vector<SourceFailure>> prepare_sources(DesiredState& desired, SourceProbe& probe,
                                                   PlanDiagnostics& diags,
                                                   const ImageSelection& only = std::nullopt);

}  // namespace glancer
