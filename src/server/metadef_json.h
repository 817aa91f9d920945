#pragma once
/// The metadata definitions API's documents (Glance 25's shapes) and request checks, and the
/// caller's rules for the catalogue (Glance's default policy: anyone reads what is visible,
/// only an admin writes). Pure functions but for current_caller().

#include <nlohmann/json.hpp>
#include <string>

#include "core/result.h"
#include "glance/metadef.h"
#include "server/query.h"

namespace glancer {

/// "/v2/metadefs/namespaces/NAME".
std::string namespace_href(const std::string& name);

nlohmann::json namespace_json(const MetadefNamespace& ns);
nlohmann::json association_json(const MetadefAssociation& association);
nlohmann::json object_json(const std::string& ns, const MetadefItem& object);
/// A property's schema with its name.
nlohmann::json property_json(const MetadefItem& property);
nlohmann::json tag_json(const MetadefItem& tag);

/// A POST /v2/metadefs/namespaces or PUT …/{ns} body: invalid_argument (400) for a
/// malformed one, forbidden (403) for a read-only attribute (self, schema, created_at,
/// updated_at). Owner defaults to `project` (empty: none), visibility to private.
Result<MetadefNamespaceContent> parse_namespace_body(const nlohmann::json& body,
                                                     const std::string& project);
/// A POST …/objects or PUT …/objects/{name} body: {name, description, required, properties}.
Result<MetadefItem> parse_object_body(const nlohmann::json& body);
/// A property definition (title and type required); `name` from the body when
/// `require_name` (POST …/properties), else `name` is given (a key of a properties map).
Result<MetadefItem> parse_property_body(const nlohmann::json& body, bool require_name,
                                        const std::string& name = "");
/// A tag name from a URL or a {"name": …} body: 1 to 80 characters.
Result<MetadefItem> parse_tag_name(const nlohmann::json& name);
/// A POST …/resource_types body: {name, prefix, properties_target}.
Result<MetadefAssociation> parse_association_body(const nlohmann::json& body);

/// A namespace listing's query (limit, marker, sort_key, sort_dir, visibility,
/// resource_types); invalid_argument (400) for bad values.
Result<MetadefNamespaceQuery> parse_namespace_query(const QueryParams& params);

/// True when the caller of this thread's request sees `ns`: single tenant, an admin, a
/// public or unowned namespace, or its own.
bool caller_sees(const MetadefNamespace& ns);
/// True when the caller may change the catalogue: single tenant or an admin.
bool caller_writes();
/// The namespace if the caller sees it; not_found otherwise (Glance hides it).
Result<MetadefNamespace> readable_namespace(MetadefService& service, const std::string& name);
/// readable_namespace, then forbidden unless the caller writes.
Result<MetadefNamespace> writable_namespace(MetadefService& service, const std::string& name);
/// forbidden unless the caller writes.
Status check_writer();

}  // namespace glancer
