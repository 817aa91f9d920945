#include "server/schemas.h"

#include <array>

#include "glance/vocabulary.h"

namespace glancer {

namespace {

using nlohmann::json;

json nullable_string(json extra = json::object()) {
  json j = {{"type", {"null", "string"}}};
  j.update(extra);
  return j;
}

json read_only(json j, const std::string& description) {
  j["readOnly"] = true;
  j["description"] = description;
  return j;
}

// `values` as a JSON array, after `first` when given.
template <size_t N>
json list(const std::array<std::string_view, N>& values, json first = json::array()) {
  for (std::string_view v : values) first.push_back(v);
  return first;
}

// Glance's own document lists community first; the set is vocab::k_visibilities.
json visibilities() {
  json out = json::array({"community"});
  for (std::string_view v : vocab::k_visibilities)
    if (v != "community") out.push_back(v);
  return out;
}

json image_properties() {
  const json disk = list(vocab::k_disk_formats, json::array({nullptr}));
  const json container = list(vocab::k_container_formats, json::array({nullptr}));
  const json uuid = {{"type", "string"},
                     {"pattern",
                      "^([0-9a-fA-F]){8}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}"
                      "-([0-9a-fA-F]){4}-([0-9a-fA-F]){12}$"}};
  const json time = {{"type", "string"}, {"readOnly", true}};
  return {
      {"id",
       {{"type", "string"},
        {"description", "An identifier for the image"},
        {"pattern", uuid["pattern"]}}},
      {"name", nullable_string({{"maxLength", vocab::k_max_string_length},
                                {"description", "Descriptive name for the image"}})},
      {"status", read_only({{"type", "string"}, {"enum", list(vocab::k_image_statuses)}},
                           "Status of the image")},
      {"visibility",
       {{"type", "string"},
        {"enum", visibilities()},
        {"description", "Scope of image accessibility"}}},
      {"protected",
       {{"type", "boolean"}, {"description", "If true, image will not be deletable."}}},
      {"os_hidden",
       {{"type", "boolean"},
        {"description", "If true, image will not appear in default image list response."}}},
      {"checksum", read_only(nullable_string({{"maxLength", 32}}), "md5 hash of image contents.")},
      {"os_hash_algo",
       read_only(nullable_string({{"maxLength", 64}}), "Algorithm to calculate the os_hash_value")},
      {"os_hash_value",
       read_only(nullable_string({{"maxLength", 128}}), "Hexdigest of the image contents")},
      {"owner", nullable_string({{"maxLength", vocab::k_max_string_length},
                                 {"description", "Owner of the image"}})},
      {"size", read_only({{"type", {"null", "integer"}}}, "Size of image file in bytes")},
      {"virtual_size",
       read_only({{"type", {"null", "integer"}}}, "Virtual size of image in bytes")},
      {"container_format",
       {{"type", {"null", "string"}},
        {"enum", container},
        {"description", "Format of the container"}}},
      {"disk_format",
       {{"type", {"null", "string"}}, {"enum", disk}, {"description", "Format of the disk"}}},
      {"created_at", read_only(time, "Date and time of image registration")},
      {"updated_at", read_only(time, "Date and time of the last image modification")},
      {"tags",
       {{"type", "array"},
        {"items", {{"type", "string"}, {"maxLength", vocab::k_max_string_length}}},
        {"description", "List of strings related to the image"}}},
      {"direct_url",
       read_only({{"type", "string"}}, "URL to access the image file kept in external store")},
      {"min_ram",
       {{"type", "integer"}, {"description", "Amount of ram (in MB) required to boot image."}}},
      {"min_disk",
       {{"type", "integer"},
        {"description", "Amount of disk space (in GB) required to boot image."}}},
      {"self", read_only({{"type", "string"}}, "An image self url")},
      {"file", read_only({{"type", "string"}}, "An image file url")},
      {"stores", read_only({{"type", "string"}}, "Store in which image data resides.")},
      {"schema", read_only({{"type", "string"}}, "An image schema url")},
      {"locations",
       {{"type", "array"},
        {"description", "A set of URLs to access the image file kept in external store"}}},
  };
}

json image_schema() {
  return {{"name", "image"},
          {"properties", image_properties()},
          {"additionalProperties", {{"type", "string"}}},
          {"links", json::array({{{"rel", "self"}, {"href", "{self}"}},
                                 {{"rel", "enclosure"}, {"href", "{file}"}},
                                 {{"rel", "describedby"}, {"href", "{schema}"}}})}};
}

json member_schema() {
  return {
      {"name", "member"},
      {"properties",
       {{"image_id", {{"type", "string"}, {"description", "An identifier for the image"}}},
        {"member_id",
         {{"type", "string"}, {"description", "An identifier for the image member (tenantId)"}}},
        {"status",
         {{"type", "string"},
          {"enum", list(vocab::k_member_statuses)},
          {"description", "The status of this image member"}}},
        {"created_at",
         {{"type", "string"}, {"description", "Date and time of image member creation"}}},
        {"updated_at",
         {{"type", "string"},
          {"description", "Date and time of last modification of image member"}}},
        {"schema", {{"type", "string"}, {"readOnly", true}}}}}};
}

json collection_schema(const std::string& name, const std::string& item, json item_schema) {
  json links = json::array({{{"rel", "first"}, {"href", "{first}"}},
                            {{"rel", "next"}, {"href", "{next}"}},
                            {{"rel", "describedby"}, {"href", "{schema}"}}});
  json props = {{item, {{"type", "array"}, {"items", std::move(item_schema)}}},
                {"schema", {{"type", "string"}}}};
  if (name == "images") {
    props["first"] = {{"type", "string"}};
    props["next"] = {{"type", "string"}};
  }
  return {{"name", name}, {"properties", props}, {"links", links}};
}

}  // namespace

nlohmann::json versions_document(const std::string& base_url) {
  static constexpr std::array<const char*, 16> versions = {
      "v2.15", "v2.14", "v2.13", "v2.12", "v2.11", "v2.10", "v2.9", "v2.8",
      "v2.7",  "v2.6",  "v2.5",  "v2.4",  "v2.3",  "v2.2",  "v2.1", "v2.0"};
  json list = json::array();
  for (const char* v : versions)
    list.push_back({{"id", v},
                    {"status", std::string(v) == k_api_version ? "CURRENT" : "SUPPORTED"},
                    {"links", json::array({{{"rel", "self"}, {"href", base_url + "/v2/"}}})}});
  return {{"versions", list}};
}

std::optional<nlohmann::json> schema_document(const std::string& name) {
  if (name == "image") return image_schema();
  if (name == "member") return member_schema();
  if (name == "images") return collection_schema("images", "images", image_schema());
  if (name == "members") return collection_schema("members", "members", member_schema());
  return std::nullopt;
}

nlohmann::json import_info_document() {
  return {{"import-methods",
           {{"description", "Import methods available."},
            {"type", "array"},
            {"value", {"glance-direct", "web-download"}}}}};
}

}  // namespace glancer
