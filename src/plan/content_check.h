#pragma once
/// Image content checks at plan and validate time: every file source's header against its
/// declared disk_format (source/format_inspector.h).

#include "core/diagnostics.h"
#include "manifest/desired_state.h"
#include "plan/source_resolver.h"
#include "source/source_probe.h"

namespace glancer {

/// Checks the header of every file source against its declared disk_format and refuses data
/// that reads other files unless allowed (content_findings); one error per finding, at the
/// image's `source.file`, naming the image. Each distinct file is inspected once through
/// `probe`, however many images use it. Only the images `only` selects are checked.
void check_source_contents(const DesiredState& desired, SourceProbe& probe, Diagnostics& diags,
                           const ImageSelection& only = std::nullopt);

}  // namespace glancer
