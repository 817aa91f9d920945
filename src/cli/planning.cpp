#include "cli/planning.h"

#include "cli/context.h"
#include "cli/url_opener.h"
#include "source/system_source_probe.h"

namespace glancer {

Result<Plan> make_plan(ImageService& service, const std::vector<std::string>& paths,
                       const PlanScope& scope) {
  SystemSourceProbe probe(cli_mirror_options());
  Planner planner(service, probe, system_clock());
  PlanDiagnostics diags;
  auto plan = planner.plan(paths, scope, diags);
  print_diagnostics(diags);
  return plan;
}

Result<DesiredState> load_resolved(const std::vector<std::string>& paths) {
  SystemSourceProbe probe(cli_mirror_options());
  PlanDiagnostics diags;
  auto desired = load_desired(paths, diags);
  Status prepared = desired ? prepare_sources(*desired, probe, diags) : Status{};
  print_diagnostics(diags);
  if (!prepared) return prepared.error();
  return desired;
}

}  // namespace glancer
