#pragma once
/// Glance response bodies into Images without trusting them: a broken or hostile service gets
/// an error naming the request, never an exception (which would end an apply worker thread).

#include <string>
#include <vector>

#include "core/result.h"
#include "glance/image.h"

namespace glancer {

/// One page of GET /v2/images as parsed from a response body.
struct ImagePage {
  std::vector<Image> images;
  std::string next;  ///< the `next` link ("/v2/images?…"), empty on the last page
};

/// Parses a response body holding one image document, as image_from_json does, but never
/// throws: transport error "WHAT: the response is not an image (…)" for a body that is not
/// JSON, not an object, has no string `id` or has a base attribute of the wrong type.
Result<Image> parse_image_body(const std::string& body, const std::string& what);
/// Parses a GET /v2/images response body, each image as parse_image_body; transport error
/// "WHAT: the response is not an image list" without an `images` array.
Result<ImagePage> parse_image_page(const std::string& body, const std::string& what);

}  // namespace glancer
