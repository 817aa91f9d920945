#include "manifest/property_rules.h"

#include <array>
#include <utility>

#include "manifest/yaml_util.h"

namespace glancer::manifest {

namespace {

// Same as plan/labels.h's k_prefix; manifest/ may only include core/, so it is repeated here.
constexpr std::string_view k_label_prefix = "glancer.";

// Glance's image attributes: Glance refuses them as custom properties (403 "reserved
// attribute"). Those a manifest sets through an image field name that field in the hint.
constexpr std::array<std::pair<std::string_view, std::string_view>, 27> k_glance_attributes{{
    {"id", ""},
    {"name", "name"},
    {"status", "status"},
    {"visibility", "visibility"},
    {"protected", "protected"},
    {"os_hidden", "hidden"},
    {"checksum", "source.checksum"},
    {"os_hash_algo", ""},
    {"os_hash_value", ""},
    {"owner", ""},
    {"size", ""},
    {"virtual_size", ""},
    {"container_format", "container_format"},
    {"disk_format", "disk_format"},
    {"created_at", ""},
    {"updated_at", ""},
    {"deleted", ""},
    {"deleted_at", ""},
    {"tags", "tags"},
    {"min_ram", "min_ram"},
    {"min_disk", "min_disk"},
    {"direct_url", ""},
    {"locations", ""},
    {"self", ""},
    {"file", ""},
    {"schema", ""},
    {"stores", ""},
}};

}  // namespace

std::optional<std::string> property_name_problem(std::string_view name) {
  if (name.empty()) return "property names must not be empty";
  auto length = utf8_length(name);
  if (length && *length > k_max_property_name)
    return "property name `" + clip(name) + "` is longer than " +
           std::to_string(k_max_property_name) + " characters";
  if (!length) return "property name `" + clip(name) + "` is not valid UTF-8";
  if (name.starts_with(k_label_prefix))
    return "property `" + clip(name) + "` is reserved: ownership labels are managed by glancer";
  if (name.starts_with("os_glance")) return "property `" + clip(name) + "` is reserved by Glance";
  for (const auto& [attribute, field] : k_glance_attributes) {
    if (name != attribute) continue;
    std::string message = "property `" + std::string(name) + "` is reserved by Glance";
    if (!field.empty()) message += "; use the image field `" + std::string(field) + "`";
    return message;
  }
  return std::nullopt;
}

}  // namespace glancer::manifest
