#pragma once
/// Glance's `name` filter values: `in:"a","b"` for several names (the API working group's
/// quoting, as glance.common.utils.split_filter_value_for_quotes reads it) and `eq:NAME` for
/// one. Shared by the client, which batches name lookups, and by `glancer serve`, which parses
/// them.

#include <cstddef>
#include <string>
#include <vector>

#include "core/result.h"

namespace glancer {

/// The `name=` values that together select exactly `names`, each at most `max_chars` long
/// once built (a single long name may exceed it). Names Glance's `in:` cannot carry unchanged
/// (with `"` or `\`: it keeps escapes as they are) get an `eq:` value of their own. Duplicate
/// and empty names are dropped.
std::vector<std::string> name_filter_values(std::vector<std::string> names, size_t max_chars);

/// The values of an `in:` filter (without the `in:`): comma separated, each optionally in
/// double quotes (then it may contain commas). invalid_argument for an unclosed quote or a
/// quote not next to a comma, as Glance.
Result<std::vector<std::string>> split_in_values(const std::string& list);

}  // namespace glancer
