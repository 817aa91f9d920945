#pragma once
/// Glance's validation rules for image attributes, as the embedded store enforces them:
/// id format, enums, reserved keys and quotas (the values themselves: glance/vocabulary.h).
/// Pure functions.

#include <cstddef>
#include <string>
#include <string_view>

#include "core/result.h"
#include "glance/image.h"
#include "glance/vocabulary.h"

namespace glancer {

/// OK for a key that may hold a custom property; forbidden for base, read-only and reserved
/// keys; invalid_argument for an empty or over-long key.
Status check_custom_key(const std::string& key);
/// invalid_argument for a custom property value longer than vocab::k_max_property_value bytes.
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
