#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "glance/image_json.h"
#include "glance/image_page_sax.h"

using namespace glancer;

namespace {

// What the checked path makes of a page: each image as image_from_json reads it.
std::vector<Image> dom_images(const std::string& body) {
  std::vector<Image> out;
  const nlohmann::json doc = nlohmann::json::parse(body);
  for (const auto& j : doc["images"]) out.push_back(image_from_json(j));
  return out;
}

const char* k_full_image = R"({
  "id": "a1", "name": "cirros", "status": "active", "visibility": "public", "protected": true,
  "os_hidden": false, "disk_format": "qcow2", "container_format": "bare", "owner": "p1",
  "min_disk": 1, "min_ram": 64, "size": 12716032, "virtual_size": null, "checksum": "abc",
  "os_hash_algo": "sha512", "os_hash_value": "def", "tags": ["b", "a"],
  "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-02T00:00:00Z",
  "self": "/v2/images/a1", "file": "/v2/images/a1/file", "schema": "/v2/schemas/image",
  "locations": [{"url": "file:///x", "metadata": {"k": [1, 2]}}], "direct_url": "file:///x",
  "os_distro": "cirros", "stores": "file", "hw_qemu_guest_agent": "yes",
  "an_object": {"nested": ["deep", {"x": 1}]}, "a_number": 4.5, "a_bool": true, "a_null": null
})";

}  // namespace

TEST_SUITE("glance") {
  TEST_CASE("image page: the SAX path reads every attribute as image_from_json does") {
    const std::string body = std::string(R"({"first": "/v2/images", "images": [)") + k_full_image +
                             R"(, {"id": "b2", "name": null, "tags": "not a list", "min_disk": null,
                                 "dup": "first", "dup": 3, "twice": 1, "twice": "last", "status": "queued",
                                 "tags": null}],
                              "schema": {"s": [1, {"t": null}]}, "next": "/v2/images?marker=b2"})";
    auto fast = parse_image_page_fast(body);
    REQUIRE(fast);
    const std::vector<Image> dom = dom_images(body);
    REQUIRE(fast->images.size() == dom.size());
    for (size_t i = 0; i < dom.size(); ++i) {
      CHECK(image_to_json(fast->images[i]).dump() == image_to_json(dom[i]).dump());
      CHECK(fast->images[i] == dom[i]);
    }
    CHECK(fast->next == "/v2/images?marker=b2");
    CHECK(fast->images[0].properties.count("an_object") == 0);
    CHECK(fast->images[1].property("twice") == "last");
    CHECK(fast->images[1].properties.count("dup") == 0);
    auto checked = parse_image_page(body, "GET /v2/images");
    REQUIRE(checked.ok());
    CHECK(checked->images == fast->images);
  }

  TEST_CASE("image page: an empty last page, and `next` that is not a string") {
    auto last = parse_image_page_fast(R"({"images": [], "next": null})");
    REQUIRE(last);
    CHECK(last->images.empty());
    CHECK(last->next.empty());
    auto twice = parse_image_page_fast(R"({"next": "/a", "images": [], "next": {"x": 1}})");
    REQUIRE(twice);
    CHECK(twice->next.empty());  // the last `next` counts, as in a JSON document
  }

  TEST_CASE("image page: whatever the checked path refuses is left to it, with its message") {
    const std::vector<std::string> refused = {
        "",
        "not json",
        "[]",
        R"({"images": {}})",
        R"({"next": "/x"})",
        R"({"images": [1]})",
        R"({"images": [{"name": "no id"}]})",
        R"({"images": [{"id": ""}]})",
        R"({"images": [{"id": 7}]})",
        R"({"images": [{"id": "a", "size": 1.5}]})",
        R"({"images": [{"id": "a", "min_ram": "64"}]})",
        R"({"images": [{"id": "a", "protected": "yes"}]})",
        R"({"images": [{"id": "a", "status": null}]})",
        R"({"images": [{"id": "a", "name": 5}]})",
        R"({"images": [{"id": "a", "tags": [1]}]})",
        R"({"images": [{"id": "a", "owner": ["x"]}]})",
        R"({"images": [{"id": "a"}]} trailing)",
        R"({"images": [], "images": [{"id": "x"}]})",
    };
    for (const std::string& body : refused) {
      CAPTURE(body);
      CHECK_FALSE(parse_image_page_fast(body));
    }
    CHECK(parse_image_page(R"({"images": [{"id": "a", "size": 1.5}]})", "GET /v2/images")
              .error()
              .message ==
          "GET /v2/images: the response is not an image (`size` is not an integer)");
    CHECK(parse_image_page(R"({"next": "/x"})", "GET /v2/images").error().message ==
          "GET /v2/images: the response is not an image list");
    // A duplicate `images` is read by the checked path: the last one counts.
    auto dup = parse_image_page(R"({"images": [], "images": [{"id": "x"}]})", "GET /v2/images");
    REQUIRE(dup.ok());
    REQUIRE(dup->images.size() == 1);
    CHECK(dup->images[0].id == "x");
  }
}
