// Pure parsing of image create and patch bodies (declared in routes.h).
#include <limits>
#include <string_view>

#include "glance/vocabulary.h"
#include "server/routes.h"

namespace glancer {

namespace {

// On create a client may supply the id, and the owner (the caller's rules decide who may).
bool read_only_on_create(const std::string& key) {
  return vocab::classify_key(key) == vocab::KeyKind::read_only && key != "id";
}

Error bad_value(const std::string& key, const char* expected) {
  return fail(ErrorCode::invalid_argument, "the value of '" + key + "' must be " + expected);
}

Result<std::optional<std::string>> nullable_string(const std::string& key,
                                                   const nlohmann::json& v) {
  if (v.is_null()) return std::optional<std::string>();
  if (!v.is_string()) return bad_value(key, "a string or null");
  return std::optional<std::string>(v.get<std::string>());
}

Result<int64_t> non_negative(const std::string& key, const nlohmann::json& v) {
  if (v.is_number_unsigned() &&
      v.get<uint64_t>() <= static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))
    return static_cast<int64_t>(v.get<uint64_t>());
  if (v.is_number_integer() && v.get<int64_t>() >= 0) return v.get<int64_t>();
  return bad_value(key, "an integer >= 0");
}

Status set_create_field(ImageCreate& c, const std::string& key, const nlohmann::json& v) {
  if (key == "id") {
    if (!v.is_string()) return bad_value(key, "a UUID string");
    c.id = v.get<std::string>();
  } else if (key == "owner") {
    GLANCER_TRY(s, nullable_string(key, v));
    c.owner = s;
  } else if (key == "name") {
    GLANCER_TRY(s, nullable_string(key, v));
    c.name = s;
  } else if (key == "disk_format" || key == "container_format") {
    GLANCER_TRY(s, nullable_string(key, v));
    (key == "disk_format" ? c.disk_format : c.container_format) = s;
  } else if (key == "visibility") {
    if (!v.is_string()) return bad_value(key, "a string");
    c.visibility = v.get<std::string>();
  } else if (key == "protected" || key == "os_hidden") {
    if (!v.is_boolean()) return bad_value(key, "true or false");
    (key == "protected" ? c.protected_ : c.hidden) = v.get<bool>();
  } else if (key == "min_disk" || key == "min_ram") {
    GLANCER_TRY(n, non_negative(key, v));
    (key == "min_disk" ? c.min_disk : c.min_ram) = n;
  } else if (key == "tags") {
    if (!v.is_array()) return bad_value(key, "an array of strings");
    for (const auto& t : v) {
      if (!t.is_string()) return bad_value(key, "an array of strings");
      c.tags.insert(t.get<std::string>());
    }
  } else {
    if (!v.is_string()) return bad_value(key, "a string (custom property values are strings)");
    c.properties[key] = v.get<std::string>();
  }
  return {};
}

}  // namespace

Result<ImageCreate> parse_image_create(const nlohmann::json& body) {
  if (!body.is_object())
    return fail(ErrorCode::invalid_argument, "the request body must be a JSON object");
  ImageCreate create;
  for (const auto& [key, value] : body.items()) {
    if (read_only_on_create(key))
      return fail(ErrorCode::forbidden, "Attribute '" + key + "' is read-only.");
    if (vocab::classify_key(key) == vocab::KeyKind::reserved)
      return fail(ErrorCode::forbidden, "Attribute '" + key + "' is reserved.");
    GLANCER_CHECK(set_create_field(create, key, value));
  }
  return create;
}

Result<std::vector<PatchOp>> parse_patch_v20(const nlohmann::json& body) {
  if (!body.is_array())
    return fail(ErrorCode::invalid_argument, "a JSON-patch body must be an array of operations");
  std::vector<PatchOp> ops;
  for (const auto& item : body) {
    PatchOp op;
    int kinds = 0;
    for (auto [name, kind] :
         {std::pair{"add", PatchOp::Kind::add}, std::pair{"replace", PatchOp::Kind::replace},
          std::pair{"remove", PatchOp::Kind::remove}})
      if (item.is_object() && item.contains(name)) {
        if (!item[name].is_string())
          return fail(ErrorCode::invalid_argument, std::string("'") + name + "' must name a path");
        op.op = kind;
        op.path = item[name].get<std::string>();
        ++kinds;
      }
    if (kinds != 1)
      return fail(
          ErrorCode::invalid_argument,
          "each operation must be an object with exactly one of 'add', 'replace', 'remove'");
    if (op.op != PatchOp::Kind::remove) {
      if (!item.contains("value"))
        return fail(ErrorCode::invalid_argument, "operation on '" + op.path + "' needs a value");
      op.value = item["value"];
    }
    ops.push_back(std::move(op));
  }
  return ops;
}

Result<std::vector<PatchOp>> parse_patch(const nlohmann::json& body) {
  if (!body.is_array())
    return fail(ErrorCode::invalid_argument, "a JSON-patch body must be an array of operations");
  std::vector<PatchOp> ops;
  for (const auto& item : body) {
    if (!item.is_object() || !item.contains("op") || !item["op"].is_string() ||
        !item.contains("path") || !item["path"].is_string())
      return fail(ErrorCode::invalid_argument,
                  "each operation must be an object with string 'op' and 'path'");
    PatchOp op;
    const std::string kind = item["op"].get<std::string>();
    if (kind == "add")
      op.op = PatchOp::Kind::add;
    else if (kind == "replace")
      op.op = PatchOp::Kind::replace;
    else if (kind == "remove")
      op.op = PatchOp::Kind::remove;
    else
      return fail(ErrorCode::invalid_argument, "unsupported operation '" + kind + "'");
    op.path = item["path"].get<std::string>();
    if (op.op != PatchOp::Kind::remove) {
      if (!item.contains("value"))
        return fail(ErrorCode::invalid_argument, "operation '" + kind + "' needs a value");
      op.value = item["value"];
    }
    ops.push_back(std::move(op));
  }
  return ops;
}

}  // namespace glancer
