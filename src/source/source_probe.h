#pragma once
/// What planning asks of image sources, behind one interface so the planner is unit-tested with
/// a fake that answers from tables and records every question (tests/support/).

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>

#include "core/hashing.h"
#include "core/result.h"
#include "source/format_inspector.h"
#include "source/url_source.h"

namespace glancer {

/// The primitives the planner reads sources through: local files (digest, modification time,
/// content inspection) and upstream URLs (checksum files, HEAD probes). No caching here: the
/// planner asks each question once per distinct file or URL.
class SourceProbe {
 public:
  virtual ~SourceProbe() = default;

  /// The digest in `algo` of the local file `path`, streamed in constant memory; an io error
  /// naming the path if it cannot be read.
  virtual Result<Digest> file_digest(const std::filesystem::path& path, HashAlgo algo) = 0;

  /// The file's last modification time (UTC); nullopt when it cannot be read.
  virtual std::optional<std::chrono::system_clock::time_point> file_modified(
      const std::filesystem::path& path) = 0;

  /// What the first and last bytes of the local file `path` say about it
  /// (source/format_inspector.h); an io error naming the path if it cannot be read.
  virtual Result<ImageInspection> file_inspection(const std::filesystem::path& path) = 0;

  /// The whole body at `url` (a checksum file), refusing bodies larger than `max_bytes`.
  /// Errors name the redacted URL.
  virtual Result<std::string> url_text(const std::string& url, size_t max_bytes) = 0;

  /// What the mirror says about `url` without sending it (a HEAD request): size and
  /// Last-Modified. Errors name the redacted URL.
  virtual Result<UrlInfo> url_head(const std::string& url) = 0;
};

}  // namespace glancer
