#pragma once
/// The digest of the data an image service holds, in any algorithm: read from the service's own
/// hashes when it computed that algorithm (md5 `checksum`, `os_hash_value`), else by streaming
/// the image back once (constant memory).

#include "core/hashing.h"
#include "glance/image_service.h"

namespace glancer {

/// The digest in `algo` of the active image's data; fails if the data cannot be read.
Result<Digest> stored_digest(ImageService& service, const Image& image, HashAlgo algo);

}  // namespace glancer
