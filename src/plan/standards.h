#pragma once
/// The plan-time part of the standards a set follows (manifest/scs_0102.h): the rules that need
/// an image's source, read once its digest and release label are resolved.

#include <chrono>
#include <set>
#include <vector>

#include "manifest/desired_state.h"
#include "plan/source_resolver.h"
#include "source/source_probe.h"

namespace glancer {

/// For each selected scs-0102 image of `desired` whose source resolved (not in `failed`,
/// indices into desired.images):
/// - sets `image_build_date` ("YYYY-MM-DD hh:mm", UTC) unless the manifest gives it: from
///   `source.version` when it names a date, else the URL's Last-Modified, else the file's
///   modification time; never later than `now` (the image cannot be built after it is made);
/// - checks `min_disk` × 1 GiB against the image's size (a file's, or the URL's
///   Content-Length) and its virtual size where the format inspector knows it (files): a boot
///   from a smaller disk fails.
/// Each distinct URL is asked (HEAD) and each file inspected at most once. An image that fails
/// is returned with an error naming the rule, positioned at `min_disk` or its source; the others
/// are done all the same.
std::vector<SourceFailure> apply_standards(DesiredState& desired, SourceProbe& probe,
                                           std::chrono::system_clock::time_point now,
                                           const std::set<size_t>& failed,
                                           const ImageSelection& only = std::nullopt);

}  // namespace glancer
