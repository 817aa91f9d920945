#pragma once
/// Moving an image's data into a freshly created image and proving it arrived intact: streamed
/// through glancer (upload) or fetched by the service itself (web-download import).

#include <atomic>
#include <chrono>
#include <string>

#include "core/hashing.h"
#include "exec/source_opener.h"
#include "glance/image_service.h"
#include "plan/apply_observer.h"
#include "plan/change.h"

namespace glancer {

/// What a transfer uses besides the change and the image.
struct TransferContext {
  ImageService& service;
  SourceOpener& opener;
  ApplyObserver& observer;
  /// Set: the transfer is aborted (`cancelled`) at its next read; also passed to the opener.
  const std::atomic<bool>* cancel = nullptr;
  std::chrono::seconds import_timeout{3600};  ///< web-download: how long the service may take
};

/// Fills the queued image `image` with the data of `change.desired->source` and returns its
/// digest (in the checksum's algorithm, sha256 when the source has none). Upload: the source
/// is opened, inspected against its disk_format and hashed as it flows, then checked against
/// the planned checksum and against the size and md5 the service stored. web-download: the
/// service fetches the URL, then its stored data is checked against the planned checksum and
/// inspected against its disk_format (stored_digest_inspected). checksum_mismatch when the data
/// differs, forbidden when its content is refused; the caller removes the image on any failure.
Result<Digest> transfer_verified(const TransferContext& context, const Change& change,
                                 const Image& image);

/// Where a source's data comes from as messages name it: the file, or the redacted URL.
std::string source_name(const ImageSource& source);

}  // namespace glancer
