#include "server/metadef_json.h"

#include <algorithm>
#include <set>

#include "server/caller_scope.h"

namespace glancer {

namespace {

using nlohmann::json;

constexpr size_t k_max_name = 80;  // Glance's schemas: names, prefixes, display names

Error bad(const std::string& message) {
  return fail(ErrorCode::invalid_argument, message);
}

// A string member if present; invalid_argument when it is not a string or too long.
Result<std::optional<std::string>> optional_string(const json& body, const char* key, size_t max) {
  if (!body.contains(key) || body[key].is_null()) return std::optional<std::string>{};
  if (!body[key].is_string()) return bad(std::string("'") + key + "' must be a string");
  auto value = body[key].get<std::string>();
  if (value.size() > max)
    return bad(std::string("'") + key + "' is longer than " + std::to_string(max) + " characters");
  return std::optional<std::string>(value);
}

Status only_keys(const json& body, std::initializer_list<const char*> allowed,
                 std::initializer_list<const char*> read_only = {}) {
  for (const auto& [key, value] : body.items()) {
    for (const char* ro : read_only)
      if (key == ro) return fail(ErrorCode::forbidden, "Attribute '" + key + "' is read-only.");
    if (std::none_of(allowed.begin(), allowed.end(), [&](const char* k) { return key == k; }))
      return bad("Additional properties are not allowed ('" + key + "' was unexpected)");
  }
  return {};
}

Status check_property_schema(const json& body) {
  if (!body.is_object()) return bad("a property definition must be an object");
  GLANCER_CHECK(only_keys(
      body, {"name", "title", "type", "description", "default", "enum", "items", "maximum",
             "minimum", "maxLength", "minLength", "maxItems", "minItems", "pattern", "readonly",
             "required", "uniqueItems", "additionalItems", "operators"}));
  static const std::set<std::string> types = {"array",  "boolean", "integer",
                                              "number", "object",  "string"};
  if (!body.contains("title") || !body["title"].is_string())
    return bad("'title' is a required property");
  if (!body.contains("type") || !body["type"].is_string() ||
      !types.count(body["type"].get<std::string>()))
    return bad(
        "'type' is a required property and one of array, boolean, integer, number, "
        "object, string");
  return {};
}

Result<json> parse_properties_map(const json& value) {
  if (!value.is_object()) return bad("'properties' must be an object");
  for (const auto& [name, schema] : value.items()) {
    if (name.empty() || name.size() > k_max_name)
      return bad("invalid property name '" + name + "'");
    GLANCER_CHECK(check_property_schema(schema));
  }
  return value;
}

}  // namespace

std::string namespace_href(const std::string& name) {
  return "/v2/metadefs/namespaces/" + name;
}

json namespace_json(const MetadefNamespace& ns) {
  json out = {{"namespace", ns.name},
              {"visibility", ns.visibility},
              {"protected", ns.is_protected},
              {"created_at", ns.created_at},
              {"updated_at", ns.updated_at},
              {"self", namespace_href(ns.name)},
              {"schema", "/v2/schemas/metadefs/namespace"}};
  if (ns.display_name) out["display_name"] = *ns.display_name;
  if (ns.description) out["description"] = *ns.description;
  if (ns.owner) out["owner"] = *ns.owner;
  return out;
}

json association_json(const MetadefAssociation& a) {
  json out = {{"name", a.name}, {"created_at", a.created_at}, {"updated_at", a.updated_at}};
  if (a.prefix) out["prefix"] = *a.prefix;
  if (a.properties_target) out["properties_target"] = *a.properties_target;
  return out;
}

json object_json(const std::string& ns, const MetadefItem& object) {
  json out = object.body;
  out["name"] = object.name;
  if (!out.contains("required")) out["required"] = json::array();
  out["created_at"] = object.created_at;
  out["updated_at"] = object.updated_at;
  out["self"] = namespace_href(ns) + "/objects/" + object.name;
  out["schema"] = "/v2/schemas/metadefs/object";
  return out;
}

json property_json(const MetadefItem& property) {
  json out = property.body;
  out["name"] = property.name;
  return out;
}

json tag_json(const MetadefItem& tag) {
  return {{"name", tag.name}, {"created_at", tag.created_at}, {"updated_at", tag.updated_at}};
}

Result<MetadefItem> parse_tag_name(const json& name) {
  if (!name.is_string() || name.get<std::string>().empty() ||
      name.get<std::string>().size() > k_max_name)
    return bad("a tag name must be a string of 1 to 80 characters");
  return MetadefItem{name.get<std::string>()};
}

Result<MetadefItem> parse_property_body(const json& body, bool require_name,
                                        const std::string& name) {
  GLANCER_CHECK(check_property_schema(body));
  MetadefItem item{name};
  if (require_name) {
    GLANCER_TRY(given, optional_string(body, "name", k_max_name));
    if (!given || given->empty()) return bad("'name' is a required property");
    item.name = *given;
  }
  item.body = body;
  item.body.erase("name");
  return item;
}

Result<MetadefItem> parse_object_body(const json& body) {
  if (!body.is_object()) return bad("an object definition must be a JSON object");
  GLANCER_CHECK(only_keys(body, {"name", "description", "required", "properties"},
                          {"self", "schema", "created_at", "updated_at"}));
  GLANCER_TRY(name, optional_string(body, "name", k_max_name));
  if (!name || name->empty()) return bad("'name' is a required property");
  GLANCER_TRY(description, optional_string(body, "description", 65535));
  MetadefItem item{*name};
  if (description) item.body["description"] = *description;
  item.body["required"] = json::array();
  if (body.contains("required")) {
    const json& required = body["required"];
    if (!required.is_array() ||
        std::any_of(required.begin(), required.end(), [](const json& r) { return !r.is_string(); }))
      return bad("'required' must be an array of strings");
    item.body["required"] = required;
  }
  if (body.contains("properties")) {
    GLANCER_TRY(properties, parse_properties_map(body["properties"]));
    item.body["properties"] = properties;
  }
  return item;
}

Result<MetadefAssociation> parse_association_body(const json& body) {
  if (!body.is_object()) return bad("a resource type association must be a JSON object");
  GLANCER_CHECK(
      only_keys(body, {"name", "prefix", "properties_target"}, {"created_at", "updated_at"}));
  GLANCER_TRY(name, optional_string(body, "name", k_max_name));
  if (!name || name->empty()) return bad("'name' is a required property");
  MetadefAssociation association;
  association.name = *name;
  GLANCER_TRY(prefix, optional_string(body, "prefix", k_max_name));
  GLANCER_TRY(target, optional_string(body, "properties_target", k_max_name));
  association.prefix = prefix;
  association.properties_target = target;
  return association;
}

Result<MetadefNamespaceContent> parse_namespace_body(const json& body, const std::string& project) {
  if (!body.is_object()) return bad("a namespace must be a JSON object");
  GLANCER_CHECK(only_keys(body,
                          {"namespace", "display_name", "description", "visibility", "protected",
                           "owner", "resource_type_associations", "properties", "objects", "tags"},
                          {"self", "schema", "created_at", "updated_at"}));
  MetadefNamespaceContent content;
  MetadefNamespace& ns = content.ns;
  GLANCER_TRY(name, optional_string(body, "namespace", k_max_name));
  if (!name || name->empty()) return bad("'namespace' is a required property");
  ns.name = *name;
  GLANCER_TRY(display_name, optional_string(body, "display_name", k_max_name));
  GLANCER_TRY(description, optional_string(body, "description", 500));
  GLANCER_TRY(visibility, optional_string(body, "visibility", k_max_name));
  GLANCER_TRY(owner, optional_string(body, "owner", 255));
  ns.display_name = display_name;
  ns.description = description;
  if (visibility && *visibility != "public" && *visibility != "private")
    return bad("'visibility' must be public or private");
  ns.visibility = visibility.value_or("private");
  if (body.contains("protected") && !body["protected"].is_null()) {
    if (!body["protected"].is_boolean()) return bad("'protected' must be a boolean");
    ns.is_protected = body["protected"].get<bool>();
  }
  ns.owner = owner ? owner : (project.empty() ? std::nullopt : std::optional(project));
  auto array_of = [&](const char* key) -> Result<json> {
    if (!body.contains(key)) return json::array();
    if (!body[key].is_array()) return bad(std::string("'") + key + "' must be an array");
    return body[key];
  };
  GLANCER_TRY(associations, array_of("resource_type_associations"));
  for (const auto& a : associations) {
    GLANCER_TRY(association, parse_association_body(a));
    content.associations.push_back(std::move(association));
  }
  GLANCER_TRY(objects, array_of("objects"));
  for (const auto& o : objects) {
    GLANCER_TRY(object, parse_object_body(o));
    content.objects.push_back(std::move(object));
  }
  GLANCER_TRY(tags, array_of("tags"));
  for (const auto& t : tags) {
    if (!t.is_object() || !t.contains("name")) return bad("a tag must be {\"name\": …}");
    GLANCER_TRY(tag, parse_tag_name(t["name"]));
    content.tags.push_back(std::move(tag));
  }
  if (body.contains("properties")) {
    GLANCER_TRY(properties, parse_properties_map(body["properties"]));
    for (const auto& [key, schema] : properties.items()) {
      GLANCER_TRY(property, parse_property_body(schema, false, key));
      content.properties.push_back(std::move(property));
    }
  }
  return content;
}

Result<MetadefNamespaceQuery> parse_namespace_query(const QueryParams& params) {
  MetadefNamespaceQuery query;
  for (const auto& [key, value] : params) {
    if (key == "limit") {
      char* end = nullptr;
      long long limit = std::strtoll(value.c_str(), &end, 10);
      if (value.empty() || *end != '\0') return bad("limit param must be an integer");
      if (limit < 0) return bad("limit param must be positive");
      query.limit = std::min<long long>(limit, 1000);
    } else if (key == "marker") {
      query.marker = value;
    } else if (key == "sort_key") {
      if (std::none_of(std::begin(k_metadef_sort_keys), std::end(k_metadef_sort_keys),
                       [&](const char* k) { return value == k; }))
        return bad("Invalid sort key: " + value);
      query.sort_key = value;
    } else if (key == "sort_dir") {
      if (value != "asc" && value != "desc") return bad("Invalid sort direction: " + value);
      query.ascending = value == "asc";
    } else if (key == "visibility") {
      if (value != "public" && value != "private") return bad("Invalid visibility value: " + value);
      query.visibility = value;
    } else if (key == "resource_types") {
      query.resource_types = split(value, ',');
    }
  }
  const Caller& caller = current_caller();
  query.sees_all = !caller.identified || caller.admin;
  query.project = caller.project;
  return query;
}

bool caller_sees(const MetadefNamespace& ns) {
  const Caller& caller = current_caller();
  return !caller.identified || caller.admin || !ns.owner || ns.visibility == "public" ||
         (!caller.project.empty() && *ns.owner == caller.project);
}

bool caller_writes() {
  const Caller& caller = current_caller();
  return !caller.identified || caller.admin;
}

Result<MetadefNamespace> readable_namespace(MetadefService& service, const std::string& name) {
  auto ns = service.get_namespace(name);
  if (!ns && ns.error().code != ErrorCode::not_found) return ns.error();
  if (!ns || !caller_sees(*ns))
    return fail(ErrorCode::not_found, "Namespace " + name + " not found");
  return ns;
}

Status check_writer() {
  if (!caller_writes())
    return fail(ErrorCode::forbidden,
                "You are not authorized to change metadata definitions (admin only).");
  return {};
}

Result<MetadefNamespace> writable_namespace(MetadefService& service, const std::string& name) {
  GLANCER_TRY(ns, readable_namespace(service, name));
  GLANCER_CHECK(check_writer());
  return ns;
}

}  // namespace glancer
