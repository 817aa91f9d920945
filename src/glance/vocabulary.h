#pragma once
/// Glance's vocabulary, written once: the enums of the image and member documents, the
/// size and count limits, and which top-level keys Glance reserves or manages itself.
/// manifest/ (validation), store/ (the embedded service) and server/ (its API schemas) all read
/// it, and tests/unit/glance/vocabulary_test.cpp checks schemas/glancer.schema.json against it.
/// Header only (constexpr data and functions): using it adds no link dependency.

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string_view>

namespace glancer::vocab {

/// Glance's disk_format values (its default `disk_formats` option), in Glance's order.
inline constexpr std::array<std::string_view, 11> k_disk_formats{
    "ami", "ari", "aki", "vhd", "vhdx", "vmdk", "raw", "qcow2", "vdi", "iso", "ploop"};
/// Glance's container_format values, in Glance's order.
inline constexpr std::array<std::string_view, 8> k_container_formats{
    "ami", "ari", "aki", "bare", "ovf", "ova", "docker", "compressed"};
/// Image visibilities. (Glance's own schema document lists community first.)
inline constexpr std::array<std::string_view, 4> k_visibilities{"public", "private", "shared",
                                                                "community"};
/// Every image status Glance reports, in the order of its schema document.
inline constexpr std::array<std::string_view, 9> k_image_statuses{
    "queued",    "saving",    "active",         "killed",     "deleted",
    "uploading", "importing", "pending_delete", "deactivated"};
/// The statuses a client can put an image in (deactivate / reactivate actions).
inline constexpr std::array<std::string_view, 2> k_settable_statuses{"active", "deactivated"};
/// A member's status towards a shared image.
inline constexpr std::array<std::string_view, 3> k_member_statuses{"pending", "accepted",
                                                                   "rejected"};

/// Longest image name, tag, member id or property key Glance accepts (its 255-character
/// columns and schema maxLength).
inline constexpr size_t k_max_string_length = 255;
/// Longest custom property value: Glance stores values in a TEXT column (64 KiB in MySQL), bytes.
inline constexpr size_t k_max_property_value = 65535;
/// Glance's default quotas (413 when exceeded), per image: image_property_quota,
/// image_tag_quota, image_member_quota.
inline constexpr size_t k_max_properties = 128;
inline constexpr size_t k_max_tags = 128;
inline constexpr size_t k_max_members = 128;
/// Largest min_disk (GB) / min_ram (MB): Glance keeps them in 32-bit integer columns.
inline constexpr int64_t k_max_min_size = std::numeric_limits<int32_t>::max();
/// Glance's default image_size_cap: the largest image data accepted, in bytes (1 TiB).
inline constexpr uint64_t k_image_size_cap = uint64_t{1} << 40;

/// Prefix of the keys Glance reserves for itself (os_glance_import_task, …): 403 on write.
inline constexpr std::string_view k_reserved_prefix = "os_glance";

/// How Glance treats a top-level key of the image document.
enum class KeyKind {
  writable,   ///< a base attribute a client may set (name, visibility, tags, …)
  admin,      ///< owner: only an admin may set it
  read_only,  ///< id, status, checksum, size, created_at, self, …
  reserved,   ///< location, deleted, deleted_at, os_glance*
  custom,     ///< anything else: a custom property
};

/// One of Glance's own image attributes (never a custom property).
struct Attribute {
  std::string_view name;
  KeyKind kind;  ///< writable, admin, read_only or reserved
};

/// Glance's image attributes: its base, read-only and reserved properties
/// (glance/api/v2/images.py), each with how a client may treat it.
inline constexpr std::array<Attribute, 28> k_image_attributes{{
    {"name", KeyKind::writable},
    {"visibility", KeyKind::writable},
    {"protected", KeyKind::writable},
    {"os_hidden", KeyKind::writable},
    {"min_disk", KeyKind::writable},
    {"min_ram", KeyKind::writable},
    {"disk_format", KeyKind::writable},
    {"container_format", KeyKind::writable},
    {"tags", KeyKind::writable},
    {"owner", KeyKind::admin},
    {"id", KeyKind::read_only},
    {"status", KeyKind::read_only},
    {"checksum", KeyKind::read_only},
    {"size", KeyKind::read_only},
    {"virtual_size", KeyKind::read_only},
    {"os_hash_algo", KeyKind::read_only},
    {"os_hash_value", KeyKind::read_only},
    {"created_at", KeyKind::read_only},
    {"updated_at", KeyKind::read_only},
    {"self", KeyKind::read_only},
    {"file", KeyKind::read_only},
    {"schema", KeyKind::read_only},
    {"direct_url", KeyKind::read_only},
    {"locations", KeyKind::read_only},
    {"stores", KeyKind::read_only},
    {"location", KeyKind::reserved},
    {"deleted", KeyKind::reserved},
    {"deleted_at", KeyKind::reserved},
}};

namespace detail {
template <size_t N>
constexpr bool contains(const std::array<std::string_view, N>& set, std::string_view value) {
  for (std::string_view v : set)
    if (v == value) return true;
  return false;
}
}  // namespace detail

/// True if `text` is one of k_disk_formats.
constexpr bool is_disk_format(std::string_view text) {
  return detail::contains(k_disk_formats, text);
}
/// True if `text` is one of k_container_formats.
constexpr bool is_container_format(std::string_view text) {
  return detail::contains(k_container_formats, text);
}
/// True if `text` is one of k_visibilities.
constexpr bool is_visibility(std::string_view text) {
  return detail::contains(k_visibilities, text);
}
/// True if `text` is one of k_member_statuses.
constexpr bool is_member_status(std::string_view text) {
  return detail::contains(k_member_statuses, text);
}

/// The kind of top-level key `key` (no leading slash): its k_image_attributes entry, reserved
/// for any key starting with k_reserved_prefix, else custom.
constexpr KeyKind classify_key(std::string_view key) {
  for (const Attribute& a : k_image_attributes)
    if (a.name == key) return a.kind;
  if (key.starts_with(k_reserved_prefix)) return KeyKind::reserved;
  return KeyKind::custom;
}

}  // namespace glancer::vocab
