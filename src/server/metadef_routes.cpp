// /v2/metadefs/namespaces[/{ns}] and /v2/metadefs/resource_types, and a namespace's resource
// type associations: Glance 25's metadata definitions API over a MetadefService.
#include "server/http_util.h"
#include "server/metadef_json.h"
#include "server/routes.h"

namespace glancer {

namespace {

using nlohmann::json;
using Req = httplib::Request;
using Res = httplib::Response;
using Reader = httplib::ContentReader;

constexpr const char* k_namespaces = "/v2/metadefs/namespaces";
constexpr const char* k_namespace = "/v2/metadefs/namespaces/([^/]+)";
constexpr const char* k_associations = "/v2/metadefs/namespaces/([^/]+)/resource_types";
constexpr const char* k_association = "/v2/metadefs/namespaces/([^/]+)/resource_types/([^/]+)";

// The namespace as a listing shows it: with its resource type associations, if any.
Result<json> listed_namespace(MetadefService& metadefs, const MetadefNamespace& ns) {
  json out = namespace_json(ns);
  GLANCER_TRY(associations, metadefs.list_associations(ns.name));
  if (!associations.empty()) {
    out["resource_type_associations"] = json::array();
    for (const auto& a : associations)
      out["resource_type_associations"].push_back(association_json(a));
  }
  return out;
}

// "/v2/metadefs/namespaces?k=v…" from the request's parameters but the marker (Glance's
// first/next links).
std::string namespaces_link(const QueryParams& params, const std::optional<std::string>& marker) {
  std::string query;
  for (const auto& [key, value] : params) {
    if (key == "marker") continue;
    query += (query.empty() ? "" : "&") + url_encode(key) + "=" + url_encode(value);
  }
  if (marker) query += (query.empty() ? "" : "&") + std::string("marker=") + url_encode(*marker);
  return std::string(k_namespaces) + (query.empty() ? "" : "?" + query);
}

void list_namespaces(MetadefService& metadefs, const Req& req, Res& res) {
  const QueryParams params = query_params(req);
  auto query = parse_namespace_query(params);
  if (!query) return send_error(res, query.error());
  if (query->marker) {
    auto marker = metadefs.get_namespace(*query->marker);
    if (!marker) return send_error(res, marker.error());
    if (!caller_sees(*marker))
      return send_error(res, 403,
                        "Forbidding request, metadata definition namespace=" + *query->marker +
                            " is not visible.");
  }
  auto page = metadefs.list_namespaces(*query);
  if (!page) return send_error(res, page.error());
  json list = json::array();
  for (const auto& ns : *page) {
    auto shown = listed_namespace(metadefs, ns);
    if (!shown) return send_error(res, shown.error());
    list.push_back(std::move(*shown));
  }
  json out = {{"namespaces", list},
              {"first", namespaces_link(params, std::nullopt)},
              {"schema", "/v2/schemas/metadefs/namespaces"}};
  if (!page->empty() && static_cast<int64_t>(page->size()) == query->limit)
    out["next"] = namespaces_link(params, page->back().name);
  send_json(res, 200, out);
}

void create_namespace(ServeState& state, const Reader& reader, Res& res) {
  auto body = read_json_body(reader, state.options.max_json_body);
  if (!body) return send_error(res, body.error());
  if (auto writer = check_writer(); !writer) return send_error(res, writer.error());
  auto content = parse_namespace_body(*body, current_caller().project);
  if (!content) return send_error(res, content.error());
  auto created = state.options.metadefs->create_namespace(*content);
  if (!created) return send_error(res, created.error());
  json out = namespace_json(created->ns);
  if (!created->associations.empty())
    for (const auto& a : created->associations)
      out["resource_type_associations"].push_back(association_json(a));
  for (const auto& o : created->objects) out["objects"].push_back(object_json(created->ns.name, o));
  for (const auto& p : created->properties) out["properties"][p.name] = p.body;
  for (const auto& t : created->tags) out["tags"].push_back({{"name", t.name}});
  send_json(res, 201, out);
}

// Property names (of the namespace and of its objects) as they apply to a resource type:
// with the association's prefix (GET …/{ns}?resource_type=…).
void apply_prefix(json& out, const std::string& prefix) {
  auto prefixed = [&](json& properties) {
    json renamed = json::object();
    for (auto& [key, value] : properties.items()) renamed[prefix + key] = value;
    properties = std::move(renamed);
  };
  if (out.contains("properties")) prefixed(out["properties"]);
  if (out.contains("objects"))
    for (auto& object : out["objects"])
      if (object.contains("properties")) prefixed(object["properties"]);
}

Result<json> show_namespace(MetadefService& metadefs, const std::string& name,
                            const std::string& resource_type) {
  GLANCER_TRY(ns, readable_namespace(metadefs, name));
  GLANCER_TRY(out, listed_namespace(metadefs, ns));
  GLANCER_TRY(objects, metadefs.list_items(name, MetadefKind::object));
  for (const auto& o : objects) out["objects"].push_back(object_json(name, o));
  GLANCER_TRY(properties, metadefs.list_items(name, MetadefKind::property));
  for (const auto& p : properties) out["properties"][p.name] = p.body;
  GLANCER_TRY(tags, metadefs.list_items(name, MetadefKind::tag));
  for (const auto& t : tags) out["tags"].push_back({{"name", t.name}});
  if (!resource_type.empty() && out.contains("resource_type_associations"))
    for (const auto& a : out["resource_type_associations"])
      if (a["name"] == resource_type && a.contains("prefix"))
        apply_prefix(out, a["prefix"].get<std::string>());
  return out;
}

void update_namespace(ServeState& state, const Req& req, const Reader& reader, Res& res) {
  auto body = read_json_body(reader, state.options.max_json_body);
  if (!body) return send_error(res, body.error());
  MetadefService& metadefs = *state.options.metadefs;
  const std::string name = req.matches[1].str();
  auto current = writable_namespace(metadefs, name);
  if (!current) return send_error(res, current.error());
  auto content = parse_namespace_body(*body, current_caller().project);
  if (!content) return send_error(res, content.error());
  auto updated = metadefs.update_namespace(name, content->ns);
  if (!updated) return send_error(res, updated.error());
  send_json(res, 200, namespace_json(*updated));
}

void add_association(ServeState& state, const Req& req, const Reader& reader, Res& res) {
  auto body = read_json_body(reader, state.options.max_json_body);
  if (!body) return send_error(res, body.error());
  MetadefService& metadefs = *state.options.metadefs;
  const std::string name = req.matches[1].str();
  auto ns = writable_namespace(metadefs, name);
  if (!ns) return send_error(res, ns.error());
  auto association = parse_association_body(*body);
  if (!association) return send_error(res, association.error());
  auto added = metadefs.add_association(name, *association);
  if (!added) return send_error(res, added.error());
  send_json(res, 201, association_json(*added));
}

}  // namespace

void add_metadef_routes(httplib::Server& server, ServeState& state) {
  if (!state.options.metadefs) return;
  MetadefService& metadefs = *state.options.metadefs;
  server.Get(k_namespaces, [&](const Req& req, Res& res) { list_namespaces(metadefs, req, res); });
  server.Post(k_namespaces, [&](const Req&, Res& res, const Reader& reader) {
    create_namespace(state, reader, res);
  });
  server.Get(k_namespace, [&](const Req& req, Res& res) {
    std::string resource_type = req.get_param_value("resource_type");
    auto shown = show_namespace(metadefs, req.matches[1].str(), resource_type);
    if (!shown) return send_error(res, shown.error());
    send_json(res, 200, *shown);
  });
  server.Put(k_namespace, [&](const Req& req, Res& res, const Reader& reader) {
    update_namespace(state, req, reader, res);
  });
  server.Delete(k_namespace, [&](const Req& req, Res& res) {
    const std::string name = req.matches[1].str();
    auto ns = writable_namespace(metadefs, name);
    if (!ns) return send_error(res, ns.error());
    auto deleted = metadefs.delete_namespace(name);
    if (!deleted) return send_error(res, deleted.error());
    res.status = 204;
  });
  server.Get("/v2/metadefs/resource_types", [&](const Req&, Res& res) {
    auto types = metadefs.list_resource_types();
    if (!types) return send_error(res, types.error());
    json list = json::array();
    for (const auto& t : *types)
      list.push_back(
          {{"name", t.name}, {"created_at", t.created_at}, {"updated_at", t.updated_at}});
    send_json(res, 200, {{"resource_types", list}});
  });
  server.Get(k_associations, [&](const Req& req, Res& res) {
    const std::string name = req.matches[1].str();
    auto ns = readable_namespace(metadefs, name);
    if (!ns) return send_error(res, ns.error());
    auto associations = metadefs.list_associations(name);
    if (!associations) return send_error(res, associations.error());
    json list = json::array();
    for (const auto& a : *associations) list.push_back(association_json(a));
    send_json(res, 200, {{"resource_type_associations", list}});
  });
  server.Post(k_associations, [&](const Req& req, Res& res, const Reader& reader) {
    add_association(state, req, reader, res);
  });
  server.Delete(k_association, [&](const Req& req, Res& res) {
    const std::string name = req.matches[1].str();
    auto ns = writable_namespace(metadefs, name);
    if (!ns) return send_error(res, ns.error());
    auto removed = metadefs.remove_association(name, req.matches[2].str());
    if (!removed) return send_error(res, removed.error());
    res.status = 204;
  });
  add_metadef_item_routes(server, state);
}

}  // namespace glancer
