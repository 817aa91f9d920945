#pragma once
/// `${image.KEY.id}` references in property values: how the planner finds and substitutes them.

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace glancer {

/// One `${image.KEY.id}` or `${image.SET/KEY.id}` inside a string.
struct ReferenceToken {
  size_t offset = 0;  ///< where `${` starts
  size_t length = 0;  ///< up to and including `}`
  std::string set;    ///< empty when written without a set
  std::string key;
};

/// Every reference token in `text`, in order.
std::vector<ReferenceToken> find_references(const std::string& text);

/// `text` with each reference replaced by what `id_of(token)` returns; tokens it cannot resolve
/// (nullopt) are left as written.
std::string substitute_references(
    const std::string& text,
    const std::function<std::optional<std::string>(const ReferenceToken&)>& id_of);

}  // namespace glancer
