#include "glance/image.h"

#include <array>
#include <string_view>

#include "glance/vocabulary.h"

namespace glancer {

std::optional<std::string> Image::property(const std::string& key) const {
  auto it = properties.find(key);
  if (it == properties.end()) return std::nullopt;
  return it->second;
}

const char* patch_kind_name(PatchOp::Kind kind) {
  switch (kind) {
    case PatchOp::Kind::add: return "add";
    case PatchOp::Kind::replace: return "replace";
    case PatchOp::Kind::remove: return "remove";
  }
  return "replace";
}

namespace {

// Base attributes: present in every image document, never custom properties.
constexpr std::array<std::string_view, 24> k_base_keys = {
    "id",           "name",       "status",       "visibility",
    "protected",    "os_hidden",  "disk_format",  "container_format",
    "owner",        "min_disk",   "min_ram",      "size",
    "virtual_size", "checksum",   "os_hash_algo", "os_hash_value",
    "tags",         "created_at", "updated_at",   "self",
    "file",         "schema",     "direct_url",   "locations"};

bool is_base_key(std::string_view key) {
  for (auto k : k_base_keys)
    if (k == key) return true;
  return false;
}

template <class T>
std::optional<T> opt(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return std::nullopt;
  return it->get<T>();
}

void put(nlohmann::json& j, const char* key, const std::optional<std::string>& v) {
  j[key] = v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

}  // namespace

bool is_glance_managed_key(const std::string& key) {
  auto starts = [&](std::string_view p) { return key.compare(0, p.size(), p) == 0; };
  return starts("os_hash_") || starts(vocab::k_reserved_prefix) || starts("owner_specified.") ||
         key == "stores" || key == "direct_url" || key == "locations" || key == "checksum" ||
         key == "size" || key == "virtual_size";
}

nlohmann::json image_to_json(const Image& image) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [k, v] : image.properties) j[k] = v;
  j["id"] = image.id;
  put(j, "name", image.name);
  j["status"] = image.status;
  j["visibility"] = image.visibility;
  j["protected"] = image.protected_;
  j["os_hidden"] = image.hidden;
  put(j, "disk_format", image.disk_format);
  put(j, "container_format", image.container_format);
  put(j, "owner", image.owner);
  j["min_disk"] = image.min_disk;
  j["min_ram"] = image.min_ram;
  j["size"] = image.size ? nlohmann::json(*image.size) : nlohmann::json(nullptr);
  j["virtual_size"] =
      image.virtual_size ? nlohmann::json(*image.virtual_size) : nlohmann::json(nullptr);
  put(j, "checksum", image.checksum);
  put(j, "os_hash_algo", image.os_hash_algo);
  put(j, "os_hash_value", image.os_hash_value);
  j["tags"] = nlohmann::json(std::vector<std::string>(image.tags.begin(), image.tags.end()));
  j["created_at"] = image.created_at;
  j["updated_at"] = image.updated_at;
  j["self"] = "/v2/images/" + image.id;
  j["file"] = "/v2/images/" + image.id + "/file";
  j["schema"] = "/v2/schemas/image";
  return j;
}

Image image_from_json(const nlohmann::json& j) {
  Image im;
  im.id = j.value("id", "");
  im.name = opt<std::string>(j, "name");
  im.status = j.value("status", "queued");
  im.visibility = j.value("visibility", "shared");
  im.protected_ = j.value("protected", false);
  im.hidden = j.value("os_hidden", false);
  im.disk_format = opt<std::string>(j, "disk_format");
  im.container_format = opt<std::string>(j, "container_format");
  im.owner = opt<std::string>(j, "owner");
  im.min_disk = opt<int64_t>(j, "min_disk").value_or(0);
  im.min_ram = opt<int64_t>(j, "min_ram").value_or(0);
  im.size = opt<int64_t>(j, "size");
  im.virtual_size = opt<int64_t>(j, "virtual_size");
  im.checksum = opt<std::string>(j, "checksum");
  im.os_hash_algo = opt<std::string>(j, "os_hash_algo");
  im.os_hash_value = opt<std::string>(j, "os_hash_value");
  if (auto t = j.find("tags"); t != j.end() && t->is_array())
    for (const auto& tag : *t) im.tags.insert(tag.get<std::string>());
  im.created_at = j.value("created_at", "");
  im.updated_at = j.value("updated_at", "");
  for (const auto& [k, v] : j.items())
    if (!is_base_key(k) && v.is_string()) im.properties[k] = v.get<std::string>();
  return im;
}

}  // namespace glancer
