#include <iostream>

#include "cli/commands.h"
#include "core/clock.h"
#include "core/file_write.h"
#include "plan/catalogue.h"
#include "plan/live_fetch.h"
#include "report/catalogue_view.h"

namespace glancer {

int run_catalogue(const GlobalOptions& global, const CatalogueArgs& args) {
  auto format = parse_catalogue_format(args.format);
  if (!format)
    return report_error(
        fail(ErrorCode::invalid_argument,
             "unknown catalogue format '" + args.format + "' (json, markdown or html)"));
  auto service = open_target(global);
  if (!service) return report_error(service.error());
  const std::string target = (*service)->describe();
  std::cerr << "target: " << target << "\n";  // stdout may be the catalogue itself
  // Only the manifests: a catalogue reads what is live, so no source is fetched or resolved.
  PlanDiagnostics diags;
  auto desired = load_desired(args.paths, diags);
  print_diagnostics(diags);
  if (!desired) return report_error(desired.error());
  auto live = fetch_live(**service, live_scope(*desired));
  if (!live) return report_error(live.error());
  Catalogue catalogue = build_catalogue(*desired, *live);
  catalogue.target = target;
  catalogue.generated_at = utc_now();
  const std::string text = render_catalogue(catalogue, *format);
  if (args.out.empty()) {
    std::cout << text;
    return 0;
  }
  if (auto written = write_file_whole(args.out, text); !written)
    return report_error(written.error());
  std::cerr << "Wrote the catalogue of " << catalogue.images.size() << " images to " << args.out
            << ".\n";
  return 0;
}

}  // namespace glancer
