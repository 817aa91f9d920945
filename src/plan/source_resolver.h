#pragma once
/// What the planner needs to know about image sources before diffing: the digest each source
/// should have and the release it holds. All of it is read at plan time, so a saved plan
/// carries it and apply only verifies.

#include <cstddef>

#include "core/result.h"
#include "manifest/desired_state.h"
#include "source/source_probe.h"

namespace glancer {

/// Checksum files are small text; a body bigger than this (4 MiB) is the wrong URL.
inline constexpr size_t k_max_checksum_file = 4 << 20;

/// Fills in every source of `desired`, asking `probe`:
/// - a file source: its release label (`version`, when the manifest gives none) from the
///   file's modification time, "2024-02-01 12:00" (UTC); its sha256 when no checksum is pinned
///   (streamed). Each distinct file is stat'ed and digested at most once.
/// - a URL source with `checksum_url`: the digest that file publishes for the URL's file name
///   (each checksum_url fetched once); a pinned checksum that differs is an error at
///   `source.checksum`.
/// - a URL source without a version or a digest: the mirror's Last-Modified (HEAD) as its
///   release label.
/// Stops at the first error, which names the image and is positioned at the field concerned
/// (`source.file`, `source.checksum_url`, `source.checksum`, `source.url`).
Status resolve_sources(DesiredState& desired, SourceProbe& probe);

}  // namespace glancer
