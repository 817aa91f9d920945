#pragma once
/// The order of upstream release versions, as `glancer update` picks the newest.

#include <string_view>

namespace glancer {

/// Compares two versions by their components: runs of digits compare as numbers (so
/// "9-20240201.0" > "9-20240115.1", "10" > "9", "007" == "7"), other runs as text, a version
/// that runs out first is older ("1.2" < "1.2.1"). Negative, zero or positive like strcmp.
int compare_versions(std::string_view a, std::string_view b);

}  // namespace glancer
