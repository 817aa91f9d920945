// Checked parsing of Glance response bodies (see image_json.h).

#include "glance/image_json.h"

#include "glance/image_page_sax.h"

namespace glancer {

namespace {

Result<Image> checked_image(const nlohmann::json& j, const std::string& what) {
  auto not_image = [&](const std::string& why) {
    return fail(ErrorCode::transport, what + ": the response is not an image (" + why + ")");
  };
  if (!j.is_object()) return not_image("not a JSON object");
  auto id = j.find("id");
  if (id == j.end() || !id->is_string() || id->get_ref<const std::string&>().empty())
    return not_image("no id");
  // A float would be converted with undefined behaviour past int64's range: integers only.
  for (const char* key : {"min_disk", "min_ram", "size", "virtual_size"}) {
    auto v = j.find(key);
    if (v == j.end() || v->is_null() || v->is_number_integer()) continue;
    return not_image("`" + std::string(key) + "` is not an integer");
  }
  try {
    return image_from_json(j);
  } catch (const nlohmann::json::exception& e) {
    return not_image(e.what());
  }
}

}  // namespace

Result<Image> parse_image_body(const std::string& body, const std::string& what) {
  auto j = nlohmann::json::parse(body, nullptr, false);
  if (j.is_discarded())
    return fail(ErrorCode::transport, what + ": the response is not an image (not JSON)");
  return checked_image(j, what);
}

Result<ImagePage> parse_image_page(const std::string& body, const std::string& what) {
  // A listing of thousands of images is parsed without a JSON document when it is well formed;
  // anything else takes the checked path below, which names what is wrong.
  if (auto page = parse_image_page_fast(body)) return std::move(*page);
  auto j = nlohmann::json::parse(body, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("images") || !j["images"].is_array())
    return fail(ErrorCode::transport, what + ": the response is not an image list");
  ImagePage page;
  for (const auto& im : j["images"]) {
    GLANCER_TRY(image, checked_image(im, what));
    page.images.push_back(std::move(image));
  }
  if (auto next = j.find("next"); next != j.end() && next->is_string())
    page.next = next->get<std::string>();
  return page;
}

}  // namespace glancer
