#include "manifest/suggest.h"

#include <algorithm>
#include <vector>

namespace glancer {

size_t edit_distance(std::string_view a, std::string_view b) {
  // Two rows of the classic dynamic programme; inputs are field names, so this is cheap.
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t substitute = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, substitute});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::optional<std::string> suggest(std::string_view word,
                                   std::span<const std::string_view> candidates,
                                   size_t max_distance) {
  // Long hostile keys would make the quadratic distance costly and never match anyway.
  if (word.size() > 64) return std::nullopt;
  std::optional<std::string> best;
  size_t best_distance = max_distance + 1;
  for (std::string_view c : candidates) {
    if (c == word) return std::nullopt;
    size_t d = edit_distance(word, c);
    if (d < best_distance) best = std::string(c), best_distance = d;
  }
  return best;
}

std::string did_you_mean(std::string_view word, std::span<const std::string_view> candidates) {
  auto s = suggest(word, candidates);
  return s ? "; did you mean `" + *s + "`?" : std::string();
}

}  // namespace glancer
