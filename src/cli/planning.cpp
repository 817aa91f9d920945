#include "cli/planning.h"

#include "cli/context.h"
#include "cli/url_opener.h"
#include "source/system_source_probe.h"

namespace glancer {

namespace {

void print_all(const PlanDiagnostics& diags) {
  print_diagnostics(diags);
  print_diagnostics(diags.sources);
}

}  // namespace

Result<Plan> make_plan(ImageService& service, const std::vector<std::string>& paths,
                       const PlanScope& scope) {
  SystemSourceProbe probe(cli_mirror_options());
  Planner planner(service, probe, system_clock());
  PlanDiagnostics diags;
  auto plan = planner.plan(paths, scope, diags);
  print_all(diags);
  return plan;
}

Result<DriftReport> make_drift(ImageService& service, const std::vector<std::string>& paths,
                               const DriftOptions& options, bool& sources_failed) {
  SystemSourceProbe probe;
  Planner planner(service, probe, system_clock());
  PlanDiagnostics diags;
  auto report = planner.drift(paths, options, diags);
  print_all(diags);
  sources_failed = diags.sources.has_errors();
  return report;
}

Result<DesiredState> load_resolved(const std::vector<std::string>& paths) {
  SystemSourceProbe probe(cli_mirror_options());
  PlanDiagnostics diags;
  auto desired = load_desired(paths, diags);
  Result<std::vector<SourceFailure>> prepared = std::vector<SourceFailure>{};
  if (desired) prepared = prepare_sources(*desired, probe, diags);
  print_all(diags);
  if (!prepared) return prepared.error();
  GLANCER_CHECK(diagnostics_status(diags.sources, k_source_errors));
  return desired;
}

}  // namespace glancer
