#pragma once
/// A unified diff of two texts (`glancer update --dry-run`), as `diff -u` and `git apply` read it.

#include <string>
#include <string_view>

namespace glancer {

/// The unified diff from `before` to `after`, both labelled `path` ("--- a/PATH", "+++ b/PATH";
/// an absolute PATH without the a/ b/ prefixes),
/// with `context` unchanged lines around each change; empty when the texts are equal. Lines
/// are compared whole (Myers' algorithm, so the cost grows with the size of the change, not
/// of the file); a last line without a line break is marked "\ No newline at end of file".
std::string unified_diff(std::string_view before, std::string_view after, const std::string& path,
                         int context = 3);

}  // namespace glancer
