#pragma once
/// "Did you mean …?" suggestions for misspelt field names and enum values.

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace glancer {

/// Levenshtein distance between `a` and `b` (insertions, deletions, substitutions; bytes).
size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate closest to `word` if it is within `max_distance` edits (ties: the first in
/// `candidates`); nullopt when nothing is close enough or `word` is itself a candidate.
std::optional<std::string> suggest(std::string_view word,
                                   std::span<const std::string_view> candidates,
                                   size_t max_distance = 2);

/// "; did you mean `X`?" for the closest candidate, or "" when none is close.
std::string did_you_mean(std::string_view word, std::span<const std::string_view> candidates);

}  // namespace glancer
