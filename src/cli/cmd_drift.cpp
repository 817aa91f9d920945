#include <iostream>

#include "cli/commands.h"
#include "cli/terminal.h"
#include "plan/drift.h"
#include "report/drift_view.h"

namespace glancer {

int run_drift(const GlobalOptions& global, const DriftArgs& args) {
  auto format = parse_format(args.format);
  if (!format) return report_error(format.error());
  auto service = open_target(global);
  if (!service) return report_failure(service.error(), "drift", *format);
  const std::string target = (*service)->describe();
  print_target(target, *format);

  DriftOptions options;
  options.ignore_unmanaged = args.ignore_unmanaged;
  bool sources_failed = false;
  PlanDiagnostics diags;  // a failure document on stdout carries them (report_failure)
  auto report = make_drift(**service, args.paths, options, sources_failed, &diags);
  if (!report) return report_failure(report.error(), "drift", *format, target, &diags);
  report->target = (*service)->describe();
  std::cout << render_drift(*report, *format, render_options(global));
  // The images whose source failed were compared without their content: the check is
  // incomplete, which an unattended job must see as an error, not as "no drift".
  if (sources_failed) return 1;
  return report->drift.empty() ? 0 : 2;
}

}  // namespace glancer
