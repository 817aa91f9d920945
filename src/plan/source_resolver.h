#pragma once
/// What the planner needs to know about image sources before diffing: the digest each source
/// should have and the release it holds. All of it is read at plan time, so a saved plan
/// carries it and apply only verifies.

#include <cstddef>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/result.h"
#include "manifest/desired_state.h"
#include "source/source_probe.h"

namespace glancer {

/// Checksum files are small text; a body bigger than this (4 MiB) is the wrong URL.
inline constexpr size_t k_max_checksum_file = 4 << 20;

/// Which images of a DesiredState to look at, as "set/key" (image_ref); nullopt: all of them.
using ImageSelection = std::optional<std::set<std::string>>;

/// An image whose source could not be resolved.
struct SourceFailure {
  size_t image = 0;  ///< index into DesiredState::images
  Error error;       ///< names the image, positioned at the field concerned
};

/// Fills in every source of the selected images of `desired`, asking `probe`:
/// - a file source: its release label (`version`, when the manifest gives none) from the
///   file's modification time, "2024-02-01 12:00" (UTC); its sha256 when no checksum is pinned
///   (streamed). Each distinct file is stat'ed and digested at most once.
/// - a URL source with `checksum_url`: the digest that file publishes for the URL's file name
///   (each checksum_url fetched once, also when that fails); a pinned checksum that differs is
///   an error at `source.checksum`.
/// - a URL source without a version or a digest: the mirror's Last-Modified (HEAD) as its
///   release label.
/// An image that fails keeps what its manifest says and is returned, one failure per image in
/// manifest order, positioned at the field concerned (`source.file`, `source.checksum_url`,
/// `source.checksum`, `source.url`); the other images are resolved all the same.
std::vector<SourceFailure> resolve_sources(DesiredState& desired, SourceProbe& probe,
                                           const ImageSelection& only = std::nullopt);

/// True if `only` selects `image`.
bool selected(const ImageSelection& only, const DesiredImage& image);

}  // namespace glancer
