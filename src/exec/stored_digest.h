#pragma once
/// The digest of the data an image service holds, in any algorithm: read from the service's own
/// hashes when it computed that algorithm (md5 `checksum`, `os_hash_value`), else by streaming
/// the image back once (constant memory). With a content rule, the stored data is also
/// inspected (source/format_inspector.h) as the files glancer uploads are.

#include <string>

#include "core/hashing.h"
#include "glance/image_service.h"

namespace glancer {

/// The digest in `algo` of the active image's data; fails if the data cannot be read.
Result<Digest> stored_digest(ImageService& service, const Image& image, HashAlgo algo);

/// What an image's stored data must be.
struct ContentRule {
  std::string disk_format;            ///< the format the data must be
  bool allow_external_files = false;  ///< source.allow_backing_file
  std::string what;                   ///< how a refusal names the data: "image `k`: source URL"
};

/// The digest of stored data, and what its inspection found.
struct InspectedDigest {
  Digest digest;
  /// forbidden "WHAT: FINDING; …" when the data is not of rule.disk_format or reads other
  /// files; success otherwise.
  Status verdict;
};

/// stored_digest, and the stored data checked against `rule`. Reads the image once when the
/// digest needs the whole data (hash and inspection in one pass), else only its first and
/// last bytes (two ranged downloads). Constant memory either way. Fails only when the data
/// cannot be read.
Result<InspectedDigest> stored_digest_inspected(ImageService& service, const Image& image,
                                                HashAlgo algo, const ContentRule& rule);

}  // namespace glancer
