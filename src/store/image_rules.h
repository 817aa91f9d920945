#pragma once
/// Glance's validation rules for image attributes, as the embedded store enforces them:
/// id format, enums, reserved keys and quotas. Pure functions.

#include <cstddef>
#include <string>
#include <string_view>

#include "core/result.h"
#include "glance/image.h"

namespace glancer {

/// Glance's default quotas (413 when exceeded): per image.
inline constexpr size_t k_max_properties = 128;
inline constexpr size_t k_max_tags = 128;
inline constexpr size_t k_max_members = 128;
/// Longest name, tag or property key Glance accepts.
inline constexpr size_t k_max_string_length = 255;
/// Longest custom property value: Glance stores values in a TEXT column (64 KiB in MySQL).
inline constexpr size_t k_max_property_value = 65535;

/// ami ari aki vhd vhdx vmdk raw qcow2 vdi iso ploop.
bool is_disk_format(std::string_view text);
/// ami ari aki bare ovf ova docker compressed.
bool is_container_format(std::string_view text);
/// public private shared community.
bool is_visibility(std::string_view text);
/// pending accepted rejected.
bool is_member_status(std::string_view text);

/// How Glance treats a top-level key of the image document.
enum class KeyKind {
  writable,   ///< a base attribute a client may set (name, visibility, tags, …)
  admin,      ///< owner: only an admin may set it, which the embedded store has no notion of
  read_only,  ///< id, status, checksum, size, created_at, self, …
  reserved,   ///< location, deleted, deleted_at, os_glance*
  custom,     ///< anything else: a custom property
};

/// Classifies a key (no leading slash).
KeyKind classify_key(std::string_view key);

/// OK for a key that may hold a custom property; forbidden for base, read-only and reserved
/// keys; invalid_argument for an empty or over-long key.
Status check_custom_key(const std::string& key);
/// invalid_argument for a custom property value longer than k_max_property_value bytes.
Status check_property_value(const std::string& key, const std::string& value);
/// invalid_argument for an over-long tag.
Status check_tag(const std::string& tag);
/// Checks the enums and number ranges of an image's writable base attributes.
Status check_base_attributes(const Image& image);
/// quota when tags or custom properties exceed Glance's limits.
Status check_image_quotas(const Image& image);
/// Everything create() checks before touching the database, id uniqueness aside.
Status check_create_request(const ImageCreate& request);

}  // namespace glancer
