#pragma once
/// The fast path of parse_image_page (image_json.h): a GET /v2/images body straight into
/// Images with nlohmann's SAX interface, without building a JSON document of every page.

#include <optional>
#include <string>

#include "glance/image_json.h"

namespace glancer {

/// The page `body` holds when it is a well-formed image list whose every image
/// image_from_json reads as it is; nullopt for anything else (malformed JSON, a missing `id`,
/// a base attribute of the wrong type, …), where the caller's checked parse gives the error.
/// For every body it returns a page for, that page equals the checked parse's.
std::optional<ImagePage> parse_image_page_fast(const std::string& body);

}  // namespace glancer
