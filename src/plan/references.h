#pragma once
/// `${image.KEY.id}` references in property values: how the planner substitutes them. The
/// syntax is manifest/reference_token.h's, the same parser validation uses.

#include <functional>
#include <optional>
#include <string>

#include "manifest/reference_token.h"

namespace glancer {

/// One `${image.KEY.id}` or `${image.SET/KEY.id}` inside a string.
using ReferenceToken = manifest::ReferenceToken;

/// `text` with each well-formed reference replaced by what `id_of(token)` returns; tokens it
/// cannot resolve (nullopt), malformed ones, and one that starts inside a token already
/// replaced are left as written.
std::string substitute_references(
    const std::string& text,
    const std::function<std::optional<std::string>(const ReferenceToken&)>& id_of);

}  // namespace glancer
