#include <iostream>

#include "cli/commands.h"
#include "exec/stored_digest.h"
#include "plan/adoption.h"

namespace glancer {

int run_import(const GlobalOptions& global, const ImportArgs& args) {
  auto service = open_target(global, TargetAccess::create);
  if (!service) return report_error(service.error());
  ImageService& svc = **service;
  print_target(svc.describe(), Format::human);
  auto desired = load_resolved(args.paths);
  if (!desired) return report_error(desired.error());
  auto adopted = adopt_image(
      svc, *desired, args.key, args.image_id,
      [&svc](const Image& image, HashAlgo algo) { return stored_digest(svc, image, algo); });
  if (!adopted) return report_error(adopted.error());
  std::cout << "Imported " << adopted->image_id << " as " << adopted->ref << ".\n";
  if (!adopted->same_data && adopted->has_source)
    std::cout << "Its data could not be matched to the manifest's source, so the next apply will "
                 "replace it.\n";
  std::cout << "Run `glancer plan` to see what else differs.\n";
  return 0;
}

}  // namespace glancer
