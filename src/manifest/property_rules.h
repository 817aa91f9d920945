#pragma once
/// Internal to manifest/: which custom property names a manifest may set.

#include <optional>
#include <string>
#include <string_view>

namespace glancer::manifest {

/// True if `name` is one of Glance's own image attributes (glance/vocabulary.h) that a
/// manifest may not set as a custom property: all of them but `location`.
bool is_refused_attribute(std::string_view name);

/// Why a manifest may not set the custom property `name` (a complete message), or nullopt if
/// it may. Refused: empty or over-long names, glancer's ownership labels (`glancer.*`), Glance's
/// reserved namespace (`os_glance*`) and the attributes is_refused_attribute names.
std::optional<std::string> property_name_problem(std::string_view name);

}  // namespace glancer::manifest
