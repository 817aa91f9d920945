#pragma once
/// Upstream checksum files (`checksum_url`): the digest published for one file of a release.

#include <string>
#include <string_view>
#include <vector>

#include "core/hashing.h"
#include "core/result.h"

namespace glancer {

/// Finds the digest of `file_name` in the text of a checksum file. Understands the three
/// formats mirrors publish, also inside a PGP clear-signed wrapper and with comments:
/// - GNU coreutils (`SHA256SUMS`, `sha256sum.txt`): "<hex>  name" or "<hex> *name";
/// - BSD (`CHECKSUM`): "SHA256 (name) = <hex>";
/// - a single digest: the whole file is one "<hex>" (optionally followed by a name).
/// The algorithm comes from the BSD tag or the hex length. A name matches with or without a
/// leading "./". Fails (not_found) naming the file when no entry matches, and (invalid_argument)
/// when the file has no digest at all or lists the name twice with different digests.
Result<Digest> find_checksum(std::string_view text, std::string_view file_name);

/// The file names a checksum file lists (GNU or BSD lines, as find_checksum reads them), in
/// order, each once; empty when the text has no named digest (an HTML page, a bare digest).
std::vector<std::string> checksum_file_names(std::string_view text);

/// The file name a URL points at: its last path segment, percent-decoded, without query or
/// fragment ("https://h/a/b.img?x=1" → "b.img").
std::string url_file_name(std::string_view url);

}  // namespace glancer
