#pragma once
/// `glancer import`: adopting an existing, unlabelled image into a set by writing the ownership
/// labels (plan/labels.h) a plan matches live images by.

#include <functional>
#include <string>
#include <vector>

#include "core/hashing.h"
#include "core/result.h"
#include "glance/image_service.h"
#include "manifest/desired_state.h"

namespace glancer {

/// Reads the digest, in an algorithm, of the data the service holds for an active image
/// (exec/stored_digest.h's stored_digest in production: the service's own hashes, else a
/// streamed download).
using StoredDigestReader = std::function<Result<Digest>(const Image& image, HashAlgo algo)>;

/// What an adoption did.
struct Adoption {
  std::string image_id;
  std::string ref;           ///< "SET/KEY" the image now belongs to
  std::vector<PatchOp> ops;  ///< the patch written: the set and key labels, maybe the digest
  bool same_data = false;    ///< the data is the source's, so the digest label was written
  bool has_source = false;   ///< the manifest image has a source (else there is no data to match)
};

/// Adopts the image `image_id` as the manifest image `key` ("KEY" or "SET/KEY") of `desired`,
/// whose sources must be resolved (plan_inputs.h prepare_sources). Refuses, changing nothing:
/// a key no image or several images of the manifests match (invalid_argument); an image that
/// already carries a set label (conflict, naming its SET/KEY); a SET/KEY that already has a
/// live image (conflict, naming it). Writes the set and key labels, and the digest label only
/// when the image's data is the source's: compared with Glance's own hash for md5, and for
/// sha512 when the service computed sha512, else with `read_digest`'s digest of the data (an
/// image that is not active never matches). Otherwise the next plan replaces the image.
Result<Adoption> adopt_image(ImageService& service, const DesiredState& desired,
                             const std::string& key, const std::string& image_id,
                             const StoredDigestReader& read_digest);

}  // namespace glancer
