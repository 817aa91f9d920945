#include "store/image_patch.h"

#include <limits>

#include "store/image_rules.h"

namespace glancer {

namespace {

Error bad_value(const std::string& key, const char* expected) {
  return fail(ErrorCode::invalid_argument, "the value of '" + key + "' must be " + expected);
}

Result<std::optional<std::string>> nullable_string(const std::string& key,
                                                   const nlohmann::json& value) {
  if (value.is_null()) return std::optional<std::string>();
  if (!value.is_string()) return bad_value(key, "a string or null");
  return std::optional<std::string>(value.get<std::string>());
}

Result<bool> boolean(const std::string& key, const nlohmann::json& value) {
  if (!value.is_boolean()) return bad_value(key, "true or false");
  return value.get<bool>();
}

Result<int64_t> non_negative(const std::string& key, const nlohmann::json& value) {
  if (value.is_number_unsigned()) {
    if (value.get<uint64_t>() > static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))
      return bad_value(key, "an integer >= 0 that fits 64 bits");
    return static_cast<int64_t>(value.get<uint64_t>());
  }
  if (value.is_number_integer() && value.get<int64_t>() >= 0) return value.get<int64_t>();
  return bad_value(key, "an integer >= 0");
}

Result<std::set<std::string>> tag_set(const nlohmann::json& value) {
  if (!value.is_array()) return bad_value("tags", "an array of strings");
  std::set<std::string> tags;
  for (const auto& tag : value) {
    if (!tag.is_string()) return bad_value("tags", "an array of strings");
    GLANCER_CHECK(check_tag(tag.get<std::string>()));
    tags.insert(tag.get<std::string>());
  }
  return tags;
}

// add and replace of a writable base attribute (both always present, so the two agree).
Status set_base(Image& image, const std::string& key, const nlohmann::json& value) {
  if (key == "name") {
    GLANCER_TRY(name, nullable_string(key, value));
    if (name && name->size() > vocab::k_max_string_length)
      return fail(
          ErrorCode::invalid_argument,
          "name is longer than " + std::to_string(vocab::k_max_string_length) + " characters");
    image.name = std::move(name);
  } else if (key == "visibility") {
    if (!value.is_string() || !vocab::is_visibility(value.get<std::string>()))
      return bad_value(key, "one of public, private, shared, community");
    image.visibility = value.get<std::string>();
  } else if (key == "protected") {
    GLANCER_TRY(b, boolean(key, value));
    image.protected_ = b;
  } else if (key == "os_hidden") {
    GLANCER_TRY(b, boolean(key, value));
    image.hidden = b;
  } else if (key == "min_disk") {
    GLANCER_TRY(n, non_negative(key, value));
    image.min_disk = n;
  } else if (key == "min_ram") {
    GLANCER_TRY(n, non_negative(key, value));
    image.min_ram = n;
  } else if (key == "disk_format" || key == "container_format") {
    // Glance's setter refuses any assignment once data may exist, even of the same value.
    if (image.status != "queued")
      return fail(
          ErrorCode::forbidden,
          key + " can only be changed while the image is queued (it is " + image.status + ")");
    GLANCER_TRY(format, nullable_string(key, value));
    bool disk = key == "disk_format";
    if (format && !(disk ? vocab::is_disk_format(*format) : vocab::is_container_format(*format)))
      return fail(ErrorCode::invalid_argument, "invalid " + key + " '" + *format + "'");
    (disk ? image.disk_format : image.container_format) = std::move(format);
  } else if (key == "tags") {
    GLANCER_TRY(tags, tag_set(value));
    image.tags = std::move(tags);
  } else {
    return fail(ErrorCode::internal, "no setter for base attribute '" + key + "'");
  }
  return {};
}

Status apply_one(Image& image, const PatchOp& op) {
  GLANCER_TRY(key, patch_path_key(op.path));
  switch (vocab::classify_key(key)) {
    case vocab::KeyKind::read_only:
      return fail(ErrorCode::forbidden, "attribute '" + key + "' is read-only");
    case vocab::KeyKind::reserved:
      return fail(ErrorCode::forbidden, "attribute '" + key + "' is reserved");
    case vocab::KeyKind::admin:
      return fail(ErrorCode::forbidden, "attribute '" + key + "' can only be changed by an admin");
    case vocab::KeyKind::writable:
      if (op.op == PatchOp::Kind::remove)
        return fail(ErrorCode::forbidden, "base attribute '" + key + "' cannot be removed");
      return set_base(image, key, op.value);
    case vocab::KeyKind::custom: break;
  }
  GLANCER_CHECK(check_custom_key(key));
  auto it = image.properties.find(key);
  if (op.op != PatchOp::Kind::add && it == image.properties.end())
    return fail(ErrorCode::conflict, std::string("cannot ") + patch_kind_name(op.op) +
                                         " property '" + key + "': it is not set");
  if (op.op == PatchOp::Kind::remove) {
    image.properties.erase(it);
    return {};
  }
  if (!op.value.is_string()) return bad_value(key, "a string (custom property values are strings)");
  GLANCER_CHECK(check_property_value(key, op.value.get<std::string>()));
  image.properties[key] = op.value.get<std::string>();
  return {};
}

}  // namespace

Result<std::string> patch_path_key(const std::string& path) {
  if (path.size() < 2 || path[0] != '/')
    return fail(ErrorCode::invalid_argument, "invalid patch path '" + path + "'");
  std::string key;
  for (size_t i = 1; i < path.size(); ++i) {
    char c = path[i];
    if (c == '/')
      return fail(
          ErrorCode::invalid_argument,
          "patch path '" + path + "' is too deep: only top-level attributes can be changed");
    if (c != '~') {
      key += c;
      continue;
    }
    char next = i + 1 < path.size() ? path[i + 1] : '\0';
    if (next != '0' && next != '1')
      return fail(ErrorCode::invalid_argument, "invalid escape in patch path '" + path + "'");
    key += next == '0' ? '~' : '/';
    ++i;
  }
  return key;
}

Status apply_patch(Image& image, const std::vector<PatchOp>& ops) {
  for (const auto& op : ops) GLANCER_CHECK(apply_one(image, op));
  return check_image_quotas(image);
}

}  // namespace glancer
