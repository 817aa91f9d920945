#include "plan/plan_inputs.h"

#include <filesystem>

#include "manifest/loader.h"
#include "plan/content_check.h"
#include "plan/source_resolver.h"

namespace glancer {

Status diagnostics_status(const Diagnostics& diags, const std::string& what) {
  if (!diags.has_errors()) return {};
  size_t n = 0;
  for (const auto& d : diags.items()) n += d.severity == Severity::error;
  return fail(ErrorCode::invalid_manifest,
              what + " " + std::to_string(n) + " error" + (n == 1 ? "" : "s"));
}

Result<DesiredState> load_desired(const std::vector<std::string>& paths, PlanDiagnostics& diags) {
  std::vector<std::filesystem::path> files(paths.begin(), paths.end());
  if (files.empty()) files.push_back(".");
  DesiredState state = load_manifests(files, diags.manifests);
  GLANCER_CHECK(diagnostics_status(diags.manifests, k_manifest_errors));
  return state;
}

Result<std::vector<SourceFailure>> prepare_sources(DesiredState& desired, SourceProbe& probe,
                                                   PlanDiagnostics& diags,
                                                   const ImageSelection& only) {
  check_source_contents(desired, probe, diags.contents, only);
  GLANCER_CHECK(diagnostics_status(diags.contents, k_content_errors));
  std::vector<SourceFailure> failures = resolve_sources(desired, probe, only);
  for (const SourceFailure& f : failures) diags.sources.error(f.error.where, f.error.message);
  return failures;
}

}  // namespace glancer
