#include "store/image_rules.h"

#include "core/uuid.h"

namespace glancer {

using vocab::k_max_string_length;
using vocab::KeyKind;

namespace {

Status check_length(std::string_view what, const std::string& value) {
  if (value.size() > k_max_string_length)
    return fail(ErrorCode::invalid_argument, std::string(what) + " is longer than " +
                                                 std::to_string(k_max_string_length) +
                                                 " characters");
  return {};
}

}  // namespace

Status check_custom_key(const std::string& key) {
  if (key.empty()) return fail(ErrorCode::invalid_argument, "a property key must not be empty");
  if (key.size() > k_max_string_length)
    GLANCER_CHECK(check_length("property key '" + key.substr(0, 32) + "…'", key));
  switch (vocab::classify_key(key)) {
    case KeyKind::custom: return {};
    case KeyKind::reserved:
      return fail(ErrorCode::forbidden, "attribute '" + key + "' is reserved");
    case KeyKind::read_only:
      return fail(ErrorCode::forbidden, "attribute '" + key + "' is read-only");
    case KeyKind::writable:
    case KeyKind::admin:
      return fail(ErrorCode::forbidden,
                  "'" + key + "' is a base attribute and cannot be a custom property");
  }
  return {};
}

Status check_property_value(const std::string& key, const std::string& value) {
  if (value.size() > vocab::k_max_property_value)
    return fail(ErrorCode::invalid_argument,
                "the value of property '" + key.substr(0, 64) + "' is longer than " +
                    std::to_string(vocab::k_max_property_value) + " bytes");
  return {};
}

Status check_tag(const std::string& tag) {
  return check_length("tag", tag);
}

Status check_base_attributes(const Image& image) {
  if (image.name) GLANCER_CHECK(check_length("name", *image.name));
  if (image.disk_format && !vocab::is_disk_format(*image.disk_format))
    return fail(ErrorCode::invalid_argument, "invalid disk_format '" + *image.disk_format + "'");
  if (image.container_format && !vocab::is_container_format(*image.container_format))
    return fail(ErrorCode::invalid_argument,
                "invalid container_format '" + *image.container_format + "'");
  if (!vocab::is_visibility(image.visibility))
    return fail(ErrorCode::invalid_argument, "invalid visibility '" + image.visibility + "'");
  if (image.min_disk < 0) return fail(ErrorCode::invalid_argument, "min_disk must be >= 0");
  if (image.min_ram < 0) return fail(ErrorCode::invalid_argument, "min_ram must be >= 0");
  for (const auto& tag : image.tags) GLANCER_CHECK(check_tag(tag));
  return {};
}

Status check_image_quotas(const Image& image) {
  if (image.tags.size() > vocab::k_max_tags)
    return fail(ErrorCode::quota, "an image may have at most " + std::to_string(vocab::k_max_tags) +
                                      " tags (" + std::to_string(image.tags.size()) + " given)");
  if (image.properties.size() > vocab::k_max_properties)
    return fail(ErrorCode::quota, "an image may have at most " +
                                      std::to_string(vocab::k_max_properties) + " properties (" +
                                      std::to_string(image.properties.size()) + " given)");
  return {};
}

Status check_create_request(const ImageCreate& request) {
  if (request.id && !is_uuid(*request.id))
    return fail(ErrorCode::invalid_argument, "image id '" + *request.id + "' is not a UUID");
  for (const auto& [key, value] : request.properties) {
    GLANCER_CHECK(check_custom_key(key));
    GLANCER_CHECK(check_property_value(key, value));
  }
  Image image;
  image.name = request.name;
  image.disk_format = request.disk_format;
  image.container_format = request.container_format;
  image.visibility = request.visibility;
  image.min_disk = request.min_disk;
  image.min_ram = request.min_ram;
  image.tags = request.tags;
  image.properties = request.properties;
  GLANCER_CHECK(check_base_attributes(image));
  return check_image_quotas(image);
}

}  // namespace glancer
