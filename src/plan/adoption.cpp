#include "plan/adoption.h"

#include "plan/change.h"
#include "plan/diff.h"
#include "plan/labels.h"
#include "plan/live_fetch.h"

namespace glancer {

namespace {

// Whether the image's data is the source's: from Glance's own hashes when they are of the
// source's algorithm, else by reading the image's digest in that algorithm.
Result<bool> data_matches(const Image& image, const Digest& want,
                          const StoredDigestReader& read_digest) {
  if (want.algo == HashAlgo::md5 ||
      (want.algo == HashAlgo::sha512 && image.os_hash_algo == "sha512"))
    return content_matches(want, image);
  if (image.status != "active") return false;
  GLANCER_TRY(have, read_digest(image, want.algo));
  return have == want;
}

Result<const DesiredImage*> find_desired(const DesiredState& desired, const std::string& key) {
  std::vector<const DesiredImage*> matches;
  for (const DesiredImage& d : desired.images)
    if (key == d.key || key == image_ref(d.set, d.key)) matches.push_back(&d);
  if (matches.size() != 1)
    return fail(ErrorCode::invalid_argument,
                matches.empty() ? "no image `" + key + "` in the manifests"
                                : "`" + key + "` is in several sets; write SET/KEY");
  return matches.front();
}

}  // namespace

Result<Adoption> adopt_image(ImageService& service, const DesiredState& desired,
                             const std::string& key, const std::string& image_id,
                             const StoredDigestReader& read_digest) {
  GLANCER_TRY(found, find_desired(desired, key));
  const DesiredImage& d = *found;
  GLANCER_TRY(image, service.get(image_id));
  if (auto set = image.property(labels::k_set))
    return fail(ErrorCode::conflict,
                "image " + image_id + " already belongs to `" +
                    image_ref(*set, image.property(labels::k_key).value_or("")) + "`");
  GLANCER_TRY(live, list_sets(service, {d.set}));
  for (const Image& im : live)
    if (im.property(labels::k_set) == d.set && im.property(labels::k_key) == d.key)
      return fail(ErrorCode::conflict,
                  "`" + image_ref(d.set, d.key) + "` already has an image: " + im.id);

  // The labels make it managed. The digest label is written only if the data really is the
  // source's; otherwise the next plan shows the replacement it needs.
  Adoption out;
  out.image_id = image_id;
  out.ref = image_ref(d.set, d.key);
  out.has_source = d.source.has_value();
  out.ops = {{PatchOp::Kind::add, std::string("/") + labels::k_set, d.set},
             {PatchOp::Kind::add, std::string("/") + labels::k_key, d.key}};
  if (d.source && d.source->checksum) {
    GLANCER_TRY(same, data_matches(image, *d.source->checksum, read_digest));
    out.same_data = same;
  }
  if (out.same_data)
    out.ops.push_back(
        {PatchOp::Kind::add, std::string("/") + labels::k_digest, d.source->checksum->to_string()});
  GLANCER_CHECK(service.update(image_id, out.ops));
  return out;
}

}  // namespace glancer
