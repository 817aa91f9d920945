#include <iostream>

#include "cli/commands.h"
#include "cli/terminal.h"
#include "core/clock.h"
#include "plan/drift.h"
#include "plan/live_fetch.h"
#include "report/drift_view.h"

namespace glancer {

int run_drift(const GlobalOptions& global, const DriftArgs& args) {
  auto format = parse_format(args.format);
  if (!format) return report_error(format.error());
  auto service = open_target(global);
  if (!service) return report_failure(service.error(), "drift", *format);
  const std::string target = (*service)->describe();
  print_target(target, *format);
  PlanDiagnostics diags;  // a failure document on stdout carries them (report_failure)
  auto desired = load_resolved(args.paths, &diags);
  if (!desired) return report_failure(desired.error(), "drift", *format, target, &diags);
  auto live = fetch_live(**service, *desired);
  if (!live) return report_failure(live.error(), "drift", *format, target);

  DriftOptions options;
  options.ignore_unmanaged = args.ignore_unmanaged;
  options.now = utc_now();
  DriftReport report = detect_drift(*desired, *live, options);
  report.target = (*service)->describe();
  std::cout << render_drift(report, *format, render_options(global));
  return report.drift.empty() ? 0 : 2;
}

}  // namespace glancer
