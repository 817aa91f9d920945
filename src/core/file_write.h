#pragma once
/// Writing a whole file so that a reader never sees half of it.

#include <string>

#include "core/result.h"

namespace glancer {

/// Writes `text` to PATH.tmp, then renames it over `path`: a reader (apply reading a saved
/// plan, a web server serving a catalogue) sees the old file or the new one, never a part.
/// io error naming the file on failure.
Status write_file_whole(const std::string& path, const std::string& text);

}  // namespace glancer
