#include "cli/planning.h"

#include "cli/context.h"
#include "source/system_source_probe.h"

namespace glancer {

Result<Plan> make_plan(ImageService& service, const std::vector<std::string>& paths,
                       const PlanScope& scope, PlanDiagnostics* collected) {
  SystemSourceProbe probe;
  Planner planner(service, probe, system_clock());
  PlanDiagnostics diags;
  auto plan = planner.plan(paths, scope, diags);
  print_diagnostics(diags);
  if (collected) *collected = diags;
  return plan;
}

Result<DesiredState> load_resolved(const std::vector<std::string>& paths,
                                   PlanDiagnostics* collected) {
  SystemSourceProbe probe;
  PlanDiagnostics diags;
  auto desired = load_desired(paths, diags);
  Status prepared = desired ? prepare_sources(*desired, probe, diags) : Status{};
  print_diagnostics(diags);
  if (collected) *collected = diags;
  if (!prepared) return prepared.error();
  return desired;
}

}  // namespace glancer
