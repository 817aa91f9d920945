// Fuzz target: a Glance response body as an image list page, a single image, a member and an
// error document. A hostile or broken service must give an error value, never an exception
// (which would end an apply worker thread); an accepted image survives a round trip.

#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_check.h"
#include "glance/http_image_service.h"
#include "glance/image_json.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace glancer;
  std::string body(reinterpret_cast<const char*>(data), size);
  if (auto page = parse_image_page(body, "GET /v2/images"))
    for (const Image& im : page->images) {
      FUZZ_CHECK(!im.id.empty());
      FUZZ_CHECK(image_from_json(image_to_json(im)) == im);
    }
  if (auto image = parse_image_body(body, "GET /v2/images/x"))
    FUZZ_CHECK(image_from_json(image_to_json(*image)) == *image);
  (void)member_from_json(nlohmann::json::parse(body, nullptr, false), "GET members");
  FUZZ_CHECK(glance_error_message(body).size() <= 500);
  return 0;
}
