#pragma once
/// Reading an upstream release index (`source.track.index`): its candidates, the newest one the
/// track's pattern matches, and the track's URL templates. Pure functions of text.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace glancer {

/// What an index lists.
struct IndexEntries {
  bool checksum_file = false;  ///< a GNU or BSD checksum file (its names), else an HTML listing
  std::vector<std::string> candidates;  ///< in order, each once
};

/// The candidates of an index's text: the file names of a checksum file (GNU or BSD lines), or
/// else the `href` targets of an HTML listing (Apache and nginx autoindex, python's
/// http.server), HTML character references decoded, query strings (autoindex sort links) and
/// fragments dropped.
IndexEntries read_index(std::string_view text);

/// A candidate the pattern matched, with its version.
struct Release {
  std::string name;     ///< the candidate
  std::string version;  ///< the pattern's first capture group
};

/// The newest release (compare_versions) among `candidates` that `pattern` (ECMAScript, with
/// a capture group) matches whole; nullopt when none does. A candidate whose first group did
/// not take part in the match is skipped. Fails (invalid_argument) if `pattern` is not a valid
/// expression.
Result<std::optional<Release>> newest_release(const std::vector<std::string>& candidates,
                                              const std::string& pattern);

/// `pattern` with {base}, {name} and {version} replaced; other text is kept.
std::string expand_template(std::string_view pattern, std::string_view base, const Release& r);

/// The index URL up to and including its last '/' (before any query): `{base}`.
std::string index_base(std::string_view index_url);

}  // namespace glancer
