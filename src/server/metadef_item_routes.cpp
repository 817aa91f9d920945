// /v2/metadefs/namespaces/{ns}/{objects,properties,tags}[/{name}]: the items a namespace
// holds. Reads need a namespace the caller sees, writes an admin (Glance's default policy).
#include "server/http_util.h"
#include "server/metadef_json.h"
#include "server/routes.h"

namespace glancer {

namespace {

using nlohmann::json;
using Req = httplib::Request;
using Res = httplib::Response;
using Reader = httplib::ContentReader;

// How one kind of item is read from a body and shown.
struct ItemKind {
  MetadefKind kind;
  const char* collection;  // "objects", …: the URL segment and the listing's key
  std::function<Result<MetadefItem>(const json& body)> parse;
  std::function<json(const std::string& ns, const MetadefItem& item)> show;
};

const ItemKind& kind_of(MetadefKind kind) {
  static const ItemKind kinds[] = {
      {MetadefKind::object, "objects", parse_object_body, object_json},
      {MetadefKind::property, "properties",
       [](const json& body) { return parse_property_body(body, true); },
       [](const std::string&, const MetadefItem& p) { return property_json(p); }},
      {MetadefKind::tag, "tags",
       [](const json& body) -> Result<MetadefItem> {
         if (!body.is_object() || !body.contains("name"))
           return fail(ErrorCode::invalid_argument, "the body must be {\"name\": …}");
         return parse_tag_name(body["name"]);
       },
       [](const std::string&, const MetadefItem& t) { return tag_json(t); }},
  };
  return kinds[static_cast<int>(kind)];
}

// The name a property route means: with ?resource_type=…, the name carries the
// association's prefix, which is taken off (404 when it does not start with it).
Result<std::string> property_name(MetadefService& metadefs, const Req& req, std::string name) {
  const std::string resource_type = req.get_param_value("resource_type");
  if (resource_type.empty()) return name;
  GLANCER_TRY(associations, metadefs.list_associations(req.matches[1].str()));
  for (const auto& a : associations) {
    if (a.name != resource_type || !a.prefix) continue;
    if (name.rfind(*a.prefix, 0) != 0)
      return fail(ErrorCode::not_found, "Property " + name +
                                            " does not start with the expected resource type "
                                            "association prefix of '" +
                                            *a.prefix + "'.");
    return name.substr(a.prefix->size());
  }
  return name;
}

json listing(const ItemKind& k, const std::string& ns, const std::vector<MetadefItem>& items) {
  if (k.kind == MetadefKind::property) {
    json map = json::object();
    for (const auto& p : items) map[p.name] = p.body;
    return {{"properties", map}};
  }
  json list = json::array();
  for (const auto& item : items) list.push_back(k.show(ns, item));
  json out = {{k.collection, list}};
  if (k.kind == MetadefKind::object) out["schema"] = "v2/schemas/metadefs/objects";
  return out;
}

Result<MetadefTagQuery> tag_query(const Req& req) {
  MetadefTagQuery query;
  if (req.has_param("limit")) {
    const std::string value = req.get_param_value("limit");
    char* end = nullptr;
    long long limit = std::strtoll(value.c_str(), &end, 10);
    if (value.empty() || *end != '\0' || limit < 0)
      return fail(ErrorCode::invalid_argument, "limit param must be a positive integer");
    query.limit = std::min<long long>(limit, 1000);
  }
  if (req.has_param("marker")) query.marker = req.get_param_value("marker");
  if (req.has_param("sort_key")) query.sort_key = req.get_param_value("sort_key");
  if (req.has_param("sort_dir")) {
    const std::string dir = req.get_param_value("sort_dir");
    if (dir != "asc" && dir != "desc")
      return fail(ErrorCode::invalid_argument, "Invalid sort direction: " + dir);
    query.ascending = dir == "asc";
  }
  return query;
}

void add_kind_routes(httplib::Server& server, ServeState& state, MetadefKind kind) {
  const ItemKind& k = kind_of(kind);
  const std::string collection = std::string("/v2/metadefs/namespaces/([^/]+)/") + k.collection;
  const std::string one = collection + "/([^/]+)";
  MetadefService& metadefs = *state.options.metadefs;

  server.Get(collection, [&metadefs, &k](const Req& req, Res& res) {
    const std::string ns = req.matches[1].str();
    if (auto seen = readable_namespace(metadefs, ns); !seen) return send_error(res, seen.error());
    auto query =
        k.kind == MetadefKind::tag ? tag_query(req) : Result<MetadefTagQuery>(MetadefTagQuery{});
    if (!query) return send_error(res, query.error());
    auto items = metadefs.list_items(ns, k.kind, *query);
    if (!items) return send_error(res, items.error());
    send_json(res, 200, listing(k, ns, *items));
  });
  server.Post(collection, [&state, &metadefs, &k](const Req& req, Res& res, const Reader& reader) {
    auto body = read_json_body(reader, state.options.max_json_body);
    if (!body) return send_error(res, body.error());
    const std::string ns = req.matches[1].str();
    if (auto w = writable_namespace(metadefs, ns); !w) return send_error(res, w.error());
    if (k.kind == MetadefKind::tag) {  // several tags at once, replacing or appended
      if (!body->is_object() || !(*body)["tags"].is_array())
        return send_error(res, 400, "the body must be {\"tags\": [{\"name\": …}, …]}");
      std::vector<MetadefItem> tags;
      for (const auto& t : (*body)["tags"]) {
        auto tag = k.parse(t);
        if (!tag) return send_error(res, tag.error());
        tags.push_back(std::move(*tag));
      }
      const std::string append = req.get_header_value("X-Openstack-Append");
      auto created = metadefs.create_items(ns, k.kind, tags, append == "true" || append == "True");
      if (!created) return send_error(res, created.error());
      json list = json::array();
      for (const auto& t : *created) list.push_back({{"name", t.name}});
      return send_json(res, 201, {{"tags", list}});
    }
    auto item = k.parse(*body);
    if (!item) return send_error(res, item.error());
    auto created = metadefs.create_item(ns, k.kind, *item);
    if (!created) return send_error(res, created.error());
    send_json(res, 201, k.show(ns, *created));
  });
  server.Delete(collection, [&metadefs, &k](const Req& req, Res& res) {
    const std::string ns = req.matches[1].str();
    if (auto w = writable_namespace(metadefs, ns); !w) return send_error(res, w.error());
    auto deleted = metadefs.delete_items(ns, k.kind);
    if (!deleted) return send_error(res, deleted.error());
    res.status = 204;
  });

  server.Get(one, [&metadefs, &k](const Req& req, Res& res) {
    const std::string ns = req.matches[1].str();
    if (auto seen = readable_namespace(metadefs, ns); !seen) return send_error(res, seen.error());
    auto name = k.kind == MetadefKind::property ? property_name(metadefs, req, req.matches[2])
                                                : Result<std::string>(req.matches[2].str());
    if (!name) return send_error(res, name.error());
    auto item = metadefs.get_item(ns, k.kind, *name);
    if (!item) return send_error(res, item.error());
    send_json(res, 200, k.show(ns, *item));
  });
  server.Put(one, [&state, &metadefs, &k](const Req& req, Res& res, const Reader& reader) {
    auto body = read_json_body(reader, state.options.max_json_body);
    if (!body) return send_error(res, body.error());
    const std::string ns = req.matches[1].str();
    if (auto w = writable_namespace(metadefs, ns); !w) return send_error(res, w.error());
    auto item = k.parse(*body);
    if (!item) return send_error(res, item.error());
    auto updated = metadefs.update_item(ns, k.kind, req.matches[2].str(), *item);
    if (!updated) return send_error(res, updated.error());
    send_json(res, 200, k.show(ns, *updated));
  });
  server.Delete(one, [&metadefs, &k](const Req& req, Res& res) {
    const std::string ns = req.matches[1].str();
    if (auto w = writable_namespace(metadefs, ns); !w) return send_error(res, w.error());
    auto deleted = metadefs.delete_item(ns, k.kind, req.matches[2].str());
    if (!deleted) return send_error(res, deleted.error());
    res.status = 204;
  });
  if (k.kind == MetadefKind::tag)  // POST …/tags/{name}: one tag, no body
    server.Post(one, [&metadefs, &k](const Req& req, Res& res, const Reader& reader) {
      if (auto empty = expect_no_body(reader); !empty) return send_error(res, empty.error());
      const std::string ns = req.matches[1].str();
      if (auto w = writable_namespace(metadefs, ns); !w) return send_error(res, w.error());
      auto tag = parse_tag_name(req.matches[2].str());
      if (!tag) return send_error(res, tag.error());
      auto created = metadefs.create_item(ns, k.kind, *tag);
      if (!created) return send_error(res, created.error());
      send_json(res, 201, k.show(ns, *created));
    });
}

}  // namespace

void add_metadef_item_routes(httplib::Server& server, ServeState& state) {
  for (MetadefKind kind : {MetadefKind::object, MetadefKind::property, MetadefKind::tag})
    add_kind_routes(server, state, kind);
}

}  // namespace glancer
