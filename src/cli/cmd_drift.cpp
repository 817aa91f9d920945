#include <algorithm>
#include <iostream>

#include "cli/commands.h"
#include "cli/terminal.h"
#include "cli/url_opener.h"
#include "plan/drift.h"
#include "report/drift_view.h"
#include "source/system_source_probe.h"
#include "update/release_finder.h"

namespace glancer {

namespace {

// `upstream` drift of tracked images: the index offers a release newer than the pin (what
// `glancer update` would pin). An index that cannot be read is a warning, not a failed report:
// the report is about the cloud, and the next `glancer update` names the problem as an error.
void add_tracked_upstream(const std::vector<std::string>& paths, DriftReport& report) {
  PlanDiagnostics already_printed;  // make_drift printed the manifests' diagnostics
  auto desired = load_desired(paths, already_printed);
  if (!desired) return;
  SystemSourceProbe probe(cli_mirror_options());
  ReleaseFinder finder(probe);
  bool added = false;
  for (const DesiredImage& d : desired->images) {
    if (!d.source || !d.source->track) continue;
    auto found = finder.find(d);
    if (!found) {
      std::cerr << found.error().where.to_string() << ": warning: " << found.error().message
                << "\n";
      continue;
    }
    if (!found->newer) continue;
    DriftItem it;
    it.kind = DriftKind::upstream;
    it.set = d.set;
    it.key = d.key;
    it.name = d.name;
    it.detail = "upstream offers release " + found->newer->version + " (pinned " +
                (d.source->version.empty() ? "without a version" : d.source->version) +
                "): run glancer update";
    report.drift.push_back(std::move(it));
    added = true;
  }
  if (added) sort_drift(report.drift);
}

}  // namespace

int run_drift(const GlobalOptions& global, const DriftArgs& args) {
  auto format = parse_format(args.format);
  if (!format) return report_error(format.error());
  auto service = open_target(global);
  if (!service) return report_failure(service.error(), "drift", *format);
  const std::string target = (*service)->describe();
  print_target(target, *format);

  DriftOptions options;
  options.ignore_unmanaged = args.ignore_unmanaged;
  options.unmanaged_scope = *parse_unmanaged_scope(args.unmanaged_scope);  // checked by the CLI
  options.project_id = (*service)->caller_project();
  bool sources_failed = false;
  PlanDiagnostics diags;  // a failure document on stdout carries them (report_failure)
  auto report = make_drift(**service, args.paths, options, sources_failed, &diags);
  if (!report) return report_failure(report.error(), "drift", *format, target, &diags);
  report->target = (*service)->describe();
  add_tracked_upstream(args.paths, *report);
  std::cout << render_drift(*report, *format, render_options(global));
  // The images whose source failed were compared without their content: the check is
  // incomplete, which an unattended job must see as an error, not as "no drift".
  if (sources_failed) return 1;
  return report->drift.empty() ? 0 : 2;
}

}  // namespace glancer
