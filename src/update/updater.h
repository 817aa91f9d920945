#pragma once
/// `glancer update`: for every tracked image, find the newest upstream release and rewrite its
/// pins in the manifest's text. Reads manifests and upstream through injected functions and
/// writes nothing: the caller writes the files (or shows their diffs for --dry-run).

#include <functional>
#include <string>
#include <vector>

#include "core/result.h"
#include "manifest/desired_state.h"
#include "source/source_probe.h"
#include "update/release_finder.h"

namespace glancer {

/// One image whose pins change.
struct PinUpdate {
  std::string set;
  std::string key;
  std::string file;  ///< the manifest, as the caller named it
  int line = 0;      ///< of the image's `source.url`
  std::string from_version;
  Pin pin;  ///< the new url, checksum and version
};

/// A manifest whose text changes.
struct FileUpdate {
  std::string file;
  std::string before;
  std::string after;
};

/// Everything one run found.
struct UpdateResult {
  size_t tracked = 0;              ///< images with source.track that were looked at
  std::vector<PinUpdate> updates;  ///< in manifest order
  std::vector<FileUpdate> files;   ///< in the order of their first update
  std::vector<Error> errors;       ///< located; the other images are updated all the same
};

/// Reads a manifest file's text (the one `load_manifests` read).
using ReadManifest = std::function<Result<std::string>(const std::string& file)>;

/// Finds the newest release of every image of `state` that has source.track (only `target`,
/// KEY or SET/KEY, when not empty) and rewrites the pins of those that are newer than their
/// pinned version. An unreachable index, a missing checksum entry or a pin that cannot be
/// rewritten (shared through an anchor) is an error of that image alone.
UpdateResult find_updates(const DesiredState& state, SourceProbe& probe, const ReadManifest& read,
                          const std::string& target = {});

}  // namespace glancer
