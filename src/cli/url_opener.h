#pragma once
/// The one UrlOpener the command line hands the embedded store and `glancer serve`: the
/// web-download fetch those services must not do themselves (DESIGN.md §1: store and server
/// may not use source/).

#include "glance/url_opener.h"

namespace glancer {

/// Opens URLs with source/'s streamed UrlSource (libcurl, one chunk in memory). A stall limit
/// shortens UrlSource's stall timeout, never lengthens it; the cancel flag is passed through.
UrlOpener url_source_opener();

}  // namespace glancer
