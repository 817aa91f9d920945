#pragma once
/// The static documents of the API: the versions document and /v2/schemas/*. Pure.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace glancer {

/// The image API version glancer serve reports as CURRENT.
inline constexpr const char* k_api_version = "v2.15";

/// `{"versions":[{"id":"v2.15","status":"CURRENT","links":[{"rel":"self","href":BASE/v2/}]},…]}`
/// with every supported v2 minor version; `base_url` is "http://host:port" (no trailing slash).
nlohmann::json versions_document(const std::string& base_url);

/// The JSON schema named image, images, member or members; nullopt for any other name.
std::optional<nlohmann::json> schema_document(const std::string& name);
/// GET /v2/schemas/metadefs/{name}: Glance's metadata definition schemas (namespace(s),
/// object(s), property/properties, tag(s), resource_type(s)); nullopt for other names.
std::optional<nlohmann::json> metadef_schema_document(const std::string& name);

/// The import methods glancer serve implements: glance-direct and web-download.
nlohmann::json import_info_document();

}  // namespace glancer
