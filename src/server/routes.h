#pragma once
/// The route tables of `glancer serve`, one function per resource family, all over one
/// ServeState. Each handler validates ids and bodies, calls the ImageService once or twice
/// and maps its Result to Glance's status codes and documents.

#include <httplib.h>

#include <nlohmann/json.hpp>

#include "glance/image.h"
#include "server/serve_state.h"

namespace glancer {

/// GET/POST /v2/images, GET/PATCH/DELETE /v2/images/{id}, tags, deactivate/reactivate.
void add_image_routes(httplib::Server& server, ServeState& state);
/// /v2/images/{id}/members[/{member}].
void add_member_routes(httplib::Server& server, ServeState& state);
/// PUT/GET /v2/images/{id}/file and PUT /v2/images/{id}/stage.
void add_data_routes(httplib::Server& server, ServeState& state);
/// /v2/info/import, /v2/info/stores, POST /v2/images/{id}/import.
void add_import_routes(httplib::Server& server, ServeState& state);
/// /v2/metadefs/namespaces[/{ns}], /v2/metadefs/resource_types and a namespace's resource
/// type associations; nothing when options.metadefs is unset (404, as before).
void add_metadef_routes(httplib::Server& server, ServeState& state);
/// A namespace's objects, properties and tags (called by add_metadef_routes).
void add_metadef_item_routes(httplib::Server& server, ServeState& state);
/// The versions document and /v2/schemas/*.
void add_document_routes(httplib::Server& server);

/// The image as the API shows it: Glance JSON with the import phase overlaid on its status.
nlohmann::json present_image(const ServeState& state, Image image);

/// Parses a POST /v2/images body: base attributes typed and checked, any other key a custom
/// property whose value must be a string (400); read-only, reserved and admin-only keys → 403.
Result<ImageCreate> parse_image_create(const nlohmann::json& body);

/// Parses a PATCH body (an array of {"op","path","value"}); invalid_argument (400) otherwise.
Result<std::vector<PatchOp>> parse_patch(const nlohmann::json& body);
/// Parses the older v2.0 PATCH syntax (`application/openstack-images-v2.0-json-patch`): an
/// array of {"add"|"replace"|"remove": "/path", "value": …}.
Result<std::vector<PatchOp>> parse_patch_v20(const nlohmann::json& body);

}  // namespace glancer
