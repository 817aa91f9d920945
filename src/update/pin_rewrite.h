#pragma once
/// Rewriting the pins of images in a manifest's text, byte-preserving: only the values of
/// `url`, `checksum` and `version` change (a missing `checksum` or `version` is inserted after
/// `url`); comments, blank lines, key order, quoting, flow or block style and the other
/// documents of the file stay as written.

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "update/release_finder.h"

namespace glancer {

/// New pins for the image (set, key) of a file.
struct PinChange {
  std::string set;
  std::string key;
  Pin pin;
};

/// A manifest's text after rewriting, and the changes that could not be made.
struct Rewritten {
  std::string text;
  std::vector<PinChange> done;
  /// Located errors, one per change not made: "cannot pin: the value is shared, defined at
  /// FILE:LINE" (an anchor and its aliases), a block scalar (`|`, `>`), an image not found.
  std::vector<Error> failed;
};

/// Applies `changes` to `text` (the manifest `file`). Fails whole only when the text is not
/// YAML; each change that cannot be made is reported in `failed`, the others are made. A
/// value keeps its quoting style; a plain value that YAML would not read as this string
/// (a number, `true`, a `: `) is written double-quoted; inserted keys use the `url` key's
/// indentation and the line ending of its line.
Result<Rewritten> rewrite_pins(std::string_view text, const std::string& file,
                               const std::vector<PinChange>& changes);

}  // namespace glancer
