#pragma once
/// The syntax of a reference to another image's id in a property value, `${image.KEY.id}` or
/// `${image.SET/KEY.id}`: the one parser that validation (manifest/references.h) and the
/// planner's substitution (plan/references.h) share.

#include <string>
#include <string_view>
#include <vector>

namespace glancer::manifest {

/// One `${image.…}` token of a property value.
struct ReferenceToken {
  size_t offset = 0;       ///< where `${` starts in the scanned value
  size_t length = 0;       ///< up to and including the first `}` (to the end when unclosed)
  std::string text;        ///< the token as written: value.substr(offset, length)
  std::string set;         ///< empty when written as `${image.KEY.id}`
  std::string key;         ///< empty when malformed
  bool malformed = false;  ///< not of the form `${image.KEY.id}` or `${image.SET/KEY.id}`
};

/// Every `${image.` token of `value`, in order; other `${…}` text is not a reference. A token
/// runs to the first `}` and must end in `.id}`. The first `/` separates the set from the key:
/// set names have no `/`, so a key that contains one is written with its set
/// (`${image.SET/a/b.id}`), as in --target's SET/KEY. An empty set (`${image./k.id}`) or key is
/// malformed. Tokens may overlap (`${image.a${image.b.id}` holds two).
std::vector<ReferenceToken> scan_references(std::string_view value);

}  // namespace glancer::manifest
