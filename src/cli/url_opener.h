#pragma once
/// The one UrlOpener the command line hands the embedded store and `glancer serve`: the
/// web-download fetch those services must not do themselves (DESIGN.md §1: store and server
/// may not use source/).

#include "core/mirror_options.h"
#include "glance/url_opener.h"

namespace glancer {

/// Opens URLs with source/'s streamed UrlSource (libcurl, one chunk in memory) under
/// cli_mirror_options(), each request with its own retries (it also serves `glancer serve`, which
/// outlives a run). A stall limit shortens the stall timeout, never lengthens it; the
/// cancel flag is passed through.
UrlOpener url_source_opener();

/// The mirror settings of this process: mirror_options_from_env() (an invalid variable is
/// warned about on stderr and its default kept), with each retry announced on stderr as
/// "glancer: mirror: …; retry N/M in T". Every call shares one UnreachableMirrors: a mirror
/// that gave up is not asked again by this process (the opener for glancer serve excepted).
MirrorOptions cli_mirror_options();

}  // namespace glancer
