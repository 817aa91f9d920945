#pragma once
/// `glancer update`'s questions to upstream: for each tracked image, the newest release its
/// index offers and that release's pins (url, checksum in the algorithm upstream publishes,
/// version). All network I/O goes through SourceProbe::url_text, so tests answer from tables.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/hashing.h"
#include "core/result.h"
#include "manifest/desired_state.h"
#include "source/source_probe.h"

namespace glancer {

/// Largest index or checksum file read (an autoindex of years of releases is ~100 KiB).
inline constexpr size_t k_max_index_bytes = size_t{16} << 20;

/// The pins of a release.
struct Pin {
  std::string url;
  Digest checksum;
  std::string version;
};

/// What the index of one tracked image offers.
struct TrackedRelease {
  std::string set;
  std::string key;
  SourcePos where;           ///< the image's `source.url`
  std::string from_version;  ///< the pinned version ("" when none is pinned)
  std::optional<Pin> newer;  ///< set when the newest release is newer than the pin
};

/// Asks each URL once (a failure too), so a catalogue of many images under one index costs
/// one request per index and checksum file.
class ReleaseFinder {
 public:
  explicit ReleaseFinder(SourceProbe& probe) : m_probe(probe) {}

  /// The newest release of `image` (which must have source.track) and, when it is newer than
  /// the pinned version (or no version is pinned), its pins. Errors are located at the
  /// track field concerned and name the URL: an unreachable index, an index that lists
  /// nothing the pattern matches, an HTML index without `checksum_url`, a checksum file
  /// without the release's file.
  Result<TrackedRelease> find(const DesiredImage& image);

 private:
  const Result<std::string>& text(const std::string& url);
  SourceProbe& m_probe;
  std::map<std::string, Result<std::string>> m_texts;
};

}  // namespace glancer
