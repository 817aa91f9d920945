#pragma once
/// The Glance v2 image resource and the request shapes of the ImageService seam.

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace glancer {

/// An image as Glance v2 shows it. Base attributes are fields; custom properties are
/// flat string key/values in `properties` (Glance-managed keys such as os_hash_* are fields).
struct Image {
  std::string id;
  std::optional<std::string> name;    ///< null allowed
  std::string status = "queued";      ///< queued saving active killed deleted …
  std::string visibility = "shared";  ///< public private shared community
  bool protected_ = false;
  bool hidden = false;                          ///< os_hidden
  std::optional<std::string> disk_format;       ///< null until set
  std::optional<std::string> container_format;  ///< null until set
  std::optional<std::string> owner;
  int64_t min_disk = 0;  ///< GB
  int64_t min_ram = 0;   ///< MB
  std::optional<int64_t> size;
  std::optional<int64_t> virtual_size;
  std::optional<std::string> checksum;       ///< md5 hex
  std::optional<std::string> os_hash_algo;   ///< "sha512"
  std::optional<std::string> os_hash_value;  ///< hex
  std::set<std::string> tags;
  std::map<std::string, std::string> properties;  ///< custom properties only
  std::string created_at;                         ///< "2026-11-26T18:59:48Z"
  std::string updated_at;

  /// The value of a custom property, if set.
  std::optional<std::string> property(const std::string& key) const;
  friend bool operator==(const Image&, const Image&) = default;
};

/// The attributes a client may set on POST /v2/images.
struct ImageCreate {
  std::optional<std::string> id;  ///< client-chosen UUID (safe retries); generated if absent
  std::optional<std::string> name;
  std::optional<std::string> disk_format;
  std::optional<std::string> container_format;
  std::string visibility = "shared";  ///< Glance's default
  bool protected_ = false;
  bool hidden = false;
  int64_t min_disk = 0;
  int64_t min_ram = 0;
  std::set<std::string> tags;
  std::map<std::string, std::string> properties;
  /// The owning project; absent: the service decides (Glance: the caller's project). Only an
  /// admin may name another project.
  std::optional<std::string> owner;
};

/// One JSON-patch operation (path depth 1, as Glance accepts: "/name", "/tags", "/os_hidden").
struct PatchOp {
  enum class Kind { add, replace, remove };
  Kind op = Kind::replace;
  std::string path;      ///< "/name"
  nlohmann::json value;  ///< ignored for remove

  friend bool operator==(const PatchOp&, const PatchOp&) = default;
};

/// "add", "replace", "remove".
const char* patch_kind_name(PatchOp::Kind kind);

/// An image member (a project the image is shared with).
struct Member {
  std::string image_id;
  std::string member_id;
  std::string status = "pending";  ///< pending accepted rejected
  std::string created_at;
  std::string updated_at;
  friend bool operator==(const Member&, const Member&) = default;
};

/// Filters for list(); an empty field does not filter.
struct ListQuery {
  /// Exact matches on custom properties (e.g. {"glancer.set": "public-catalogue"}).
  std::map<std::string, std::string> properties;
  /// Only images named one of these; nullopt: any name. An empty list matches nothing (and
  /// costs no request).
  std::optional<std::vector<std::string>> names;
};

/// A byte range for download(): [first, last] inclusive; last absent = to the end.
struct ByteRange {
  uint64_t first = 0;
  std::optional<uint64_t> last;
};

/// Glance's JSON representation of an image (custom properties flattened to top-level keys).
nlohmann::json image_to_json(const Image& image);
/// Parses Glance's JSON image; unknown top-level string keys become custom properties.
Image image_from_json(const nlohmann::json& j);

/// True for keys Glance manages itself and a reconciler must never diff or write:
/// os_hash_*, os_glance_*, stores, direct_url, locations, owner_specified.*, …
bool is_glance_managed_key(const std::string& key);

}  // namespace glancer
