#include "manifest/property_rules.h"

#include <array>
#include <utility>

#include "glance/vocabulary.h"
#include "manifest/yaml_util.h"

namespace glancer::manifest {

namespace {

// Same as plan/labels.h's k_prefix; manifest/ may not include plan/, so it is repeated here.
constexpr std::string_view k_label_prefix = "glancer.";

// The image field through which a manifest sets one of Glance's attributes (vocab::
// k_image_attributes), named in the hint when a property uses the attribute's name.
constexpr std::array<std::pair<std::string_view, std::string_view>, 11> k_field_of{{
    {"name", "name"},
    {"status", "status"},
    {"visibility", "visibility"},
    {"protected", "protected"},
    {"os_hidden", "hidden"},
    {"checksum", "source.checksum"},
    {"container_format", "container_format"},
    {"disk_format", "disk_format"},
    {"tags", "tags"},
    {"min_ram", "min_ram"},
    {"min_disk", "min_disk"},
}};

// Glance reserves `location` too (403 "reserved attribute"), but manifests have always accepted
// it as a custom property, and schemas/glancer.schema.json agrees; kept so, behaviour unchanged.
constexpr std::string_view k_accepted_attribute = "location";

}  // namespace

bool is_refused_attribute(std::string_view name) {
  if (name == k_accepted_attribute) return false;
  for (const vocab::Attribute& a : vocab::k_image_attributes)
    if (a.name == name) return true;
  return false;
}

std::optional<std::string> property_name_problem(std::string_view name) {
  if (name.empty()) return "property names must not be empty";
  auto length = utf8_length(name);
  if (length && *length > vocab::k_max_string_length)
    return "property name `" + clip(name) + "` is longer than " +
           std::to_string(vocab::k_max_string_length) + " characters";
  if (!length) return "property name `" + clip(name) + "` is not valid UTF-8";
  if (name.starts_with(k_label_prefix))
    return "property `" + clip(name) + "` is reserved: ownership labels are managed by glancer";
  if (name.starts_with(vocab::k_reserved_prefix))
    return "property `" + clip(name) + "` is reserved by Glance";
  if (!is_refused_attribute(name)) return std::nullopt;
  std::string message = "property `" + std::string(name) + "` is reserved by Glance";
  for (const auto& [attribute, field] : k_field_of)
    if (name == attribute) message += "; use the image field `" + std::string(field) + "`";
  return message;
}

}  // namespace glancer::manifest
