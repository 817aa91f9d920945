#pragma once
/// Internal to manifest/: which custom property names a manifest may set.

#include <optional>
#include <string>
#include <string_view>

namespace glancer::manifest {

/// Longest property name Glance stores.
inline constexpr size_t k_max_property_name = 255;

/// Why a manifest may not set the custom property `name` (a complete message), or nullopt if
/// it may. Refused: empty or over-long names, glancer's ownership labels (`glancer.*`), Glance's
/// reserved namespace (`os_glance*`) and the names of Glance's own image attributes.
std::optional<std::string> property_name_problem(std::string_view name);

}  // namespace glancer::manifest
