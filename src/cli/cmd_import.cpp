#include <iostream>

#include "cli/commands.h"
#include "exec/stored_digest.h"
#include "plan/diff.h"
#include "plan/labels.h"

namespace glancer {

namespace {

// Whether the image's data is the source's: from Glance's own hashes when they are of the
// source's algorithm, else by streaming the image through the algorithm.
Result<bool> data_matches(ImageService& svc, const Image& image, const Digest& want) {
  if (want.algo == HashAlgo::md5 ||
      (want.algo == HashAlgo::sha512 && image.os_hash_algo == "sha512"))
    return content_matches(want, image);
  if (image.status != "active") return false;
  GLANCER_TRY(have, stored_digest(svc, image, want.algo));
  return have == want;
}

}  // namespace

int run_import(const GlobalOptions& global, const ImportArgs& args) {
  auto service = open_target(global);
  if (!service) return report_error(service.error());
  ImageService& svc = **service;
  print_target(svc.describe(), Format::human);
  auto desired = load_desired(args.paths);
  if (!desired) return report_error(desired.error());
  if (auto resolved = resolve_sources(*desired); !resolved) return report_error(resolved.error());

  std::vector<const DesiredImage*> matches;
  for (const DesiredImage& d : desired->images)
    if (args.key == d.key || args.key == image_ref(d.set, d.key)) matches.push_back(&d);
  if (matches.size() != 1)
    return report_error(fail(ErrorCode::invalid_argument,
                             matches.empty()
                                 ? "no image `" + args.key + "` in the manifests"
                                 : "`" + args.key + "` is in several sets; write SET/KEY"));
  const DesiredImage& d = *matches.front();

  auto image = svc.get(args.image_id);
  if (!image) return report_error(image.error());
  if (auto set = image->property(labels::k_set))
    return report_error(
        fail(ErrorCode::conflict, "image " + args.image_id + " already belongs to `" +
                                      image_ref(*set, image->property(labels::k_key).value_or("")) +
                                      "`"));
  auto live = svc.list({});
  if (!live) return report_error(live.error());
  for (const Image& im : *live)
    if (im.property(labels::k_set) == d.set && im.property(labels::k_key) == d.key)
      return report_error(fail(ErrorCode::conflict,
                               "`" + image_ref(d.set, d.key) + "` already has an image: " + im.id));

  // The labels make it managed. The digest label is written only if the data really is the
  // source's; otherwise the next plan shows the replacement it needs.
  std::vector<PatchOp> ops = {{PatchOp::Kind::add, std::string("/") + labels::k_set, d.set},
                              {PatchOp::Kind::add, std::string("/") + labels::k_key, d.key}};
  bool same_data = false;
  if (d.source && d.source->checksum) {
    auto matches = data_matches(svc, *image, *d.source->checksum);
    if (!matches) return report_error(matches.error());
    same_data = *matches;
  }
  if (same_data)
    ops.push_back(
        {PatchOp::Kind::add, std::string("/") + labels::k_digest, d.source->checksum->to_string()});
  auto updated = svc.update(args.image_id, ops);
  if (!updated) return report_error(updated.error());
  std::cout << "Imported " << args.image_id << " as " << image_ref(d.set, d.key) << ".\n";
  if (!same_data && d.source)
    std::cout << "Its data could not be matched to the manifest's source, so the next apply will "
                 "replace it.\n";
  std::cout << "Run `glancer plan` to see what else differs.\n";
  return 0;
}

}  // namespace glancer
