// Pure parts of `glancer serve`: list queries, error mapping, ranges, request bodies.
#include <doctest/doctest.h>

#include <cstdio>
#include <optional>

#include "server/errors.h"
#include "server/http_util.h"
#include "server/query.h"
#include "server/routes.h"
#include "server/schemas.h"

namespace glancer {

namespace {

Image img(std::string id, std::string name, std::string created, bool hidden = false) {
  Image i;
  i.id = std::move(id);
  i.name = std::move(name);
  i.created_at = created;
  i.updated_at = created;
  i.hidden = hidden;
  return i;
}

std::vector<Image> sample() {
  return {img("00000000-0000-4000-8000-000000000001", "b", "2026-01-01T00:00:01Z"),
          img("00000000-0000-4000-8000-000000000002", "a", "2026-01-01T00:00:02Z"),
          img("00000000-0000-4000-8000-000000000003", "c", "2026-01-01T00:00:03Z", true),
          img("00000000-0000-4000-8000-000000000004", "d", "2026-01-01T00:00:04Z")};
}

std::vector<std::string> names(const ListPage& page) {
  std::vector<std::string> out;
  for (const auto& i : page.images) out.push_back(*i.name);
  return out;
}

ListPage list(const QueryParams& params, std::vector<Image> images = sample()) {
  auto request = parse_list_request(params);
  REQUIRE(request.ok());
  auto page = apply_list_request(*request, std::move(images));
  REQUIRE(page.ok());
  return *page;
}

}  // namespace

TEST_CASE("list: default order is created_at desc and hidden images are left out") {
  CHECK(names(list({})) == std::vector<std::string>{"d", "a", "b"});
  CHECK(names(list({{"os_hidden", "true"}})) == std::vector<std::string>{"c"});
}

TEST_CASE("list: sort keys, directions and the combined sort parameter") {
  CHECK(names(list({{"sort_key", "name"}, {"sort_dir", "asc"}})) ==
        std::vector<std::string>{"a", "b", "d"});
  CHECK(names(list({{"sort", "name:desc"}})) == std::vector<std::string>{"d", "b", "a"});
  CHECK(!parse_list_request({{"sort_key", "nope"}}).ok());
  CHECK(!parse_list_request({{"sort_dir", "sideways"}}).ok());
  CHECK(!parse_list_request({{"sort", "name"}, {"sort_key", "id"}}).ok());
}

TEST_CASE("list: limit, cap, marker and next") {
  auto first = list({{"limit", "2"}, {"sort_key", "name"}, {"sort_dir", "asc"}});
  CHECK(names(first) == std::vector<std::string>{"a", "b"});
  REQUIRE(first.next_marker);
  auto second = list(
      {{"limit", "2"}, {"sort_key", "name"}, {"sort_dir", "asc"}, {"marker", *first.next_marker}});
  CHECK(names(second) == std::vector<std::string>{"d"});
  CHECK(!second.next_marker);
  CHECK(parse_list_request({{"limit", "5000"}})->limit == k_max_page_size);
  CHECK(parse_list_request({})->limit == k_default_page_size);
  CHECK(!parse_list_request({{"limit", "-1"}}).ok());
  auto request = parse_list_request({{"marker", "00000000-0000-4000-8000-00000000dead"}});
  CHECK(apply_list_request(*request, sample()).error().code == ErrorCode::invalid_argument);
}

TEST_CASE("list: walking pages gives every image once, in the order of one full sort") {
  // 60 images in shuffled input order, names repeating (ties broken by created_at, then id)
  // and some sizes null (null sorts first): only each page is ordered, so the walk must agree
  // with sorting everything at once, across every page boundary.
  std::vector<Image> all;
  for (int i = 0; i < 60; ++i) {
    int k = (i * 37) % 60;  // a permutation of 0..59
    char id[40];
    std::snprintf(id, sizeof id, "00000000-0000-4000-8000-%012d", k);
    char created[32];
    std::snprintf(created, sizeof created, "2026-01-01T00:%02d:00Z", k % 7);
    Image image = img(id, std::string(1, static_cast<char>('a' + k % 5)), created);
    if (k % 3) image.size = k % 11;
    all.push_back(std::move(image));
  }
  for (const QueryParams& order :
       {QueryParams{{"sort", "name:asc,size:desc"}},
        QueryParams{{"sort_key", "size"}, {"sort_dir", "asc"}}, QueryParams{}}) {
    QueryParams whole = order;
    whole.emplace_back("limit", "1000");
    std::vector<std::string> expected;
    for (const auto& image : list(whole, all).images) expected.push_back(image.id);
    REQUIRE(expected.size() == 60);
    std::vector<std::string> walked;
    std::optional<std::string> marker;
    do {
      QueryParams page_params = order;
      page_params.emplace_back("limit", "7");
      if (marker) page_params.emplace_back("marker", *marker);
      ListPage page = list(page_params, all);
      CHECK(page.images.size() <= 7);
      for (const auto& image : page.images) walked.push_back(image.id);
      marker = page.next_marker;
    } while (marker);
    CHECK(walked == expected);
  }
}

TEST_CASE("list: a full last page still has next, so the page after it may be empty") {
  auto page = list({{"limit", "3"}});
  CHECK(page.next_marker);
  CHECK(list({{"limit", "3"}, {"marker", *page.next_marker}}).images.empty());
}

TEST_CASE("list: filters") {
  auto images = sample();
  images[0].properties["os_distro"] = "debian";
  images[0].tags = {"x", "y"};
  images[1].tags = {"x"};
  images[1].size = 10;
  images[3].visibility = "community";
  CHECK(names(list({{"os_distro", "debian"}}, images)) == std::vector<std::string>{"b"});
  CHECK(names(list({{"tag", "x"}, {"tag", "y"}}, images)) == std::vector<std::string>{"b"});
  CHECK(names(list({{"name", "in:a,b"}}, images)) == std::vector<std::string>{"a", "b"});
  CHECK(names(list({{"size_min", "5"}}, images)) == std::vector<std::string>{"a"});
  CHECK(names(list({{"size", "10"}}, images)) == std::vector<std::string>{"a"});
  CHECK(names(list({{"size", "9"}}, images)).empty());
  CHECK(names(list({}, images)) == std::vector<std::string>{"a", "b"});  // community left out
  CHECK(names(list({{"visibility", "community"}}, images)) == std::vector<std::string>{"d"});
  CHECK(names(list({{"created_at", "gt:2026-01-01T00:00:01Z"}}, images)) ==
        std::vector<std::string>{"a"});
  CHECK(!parse_list_request({{"visibility", "everyone"}}).ok());
  CHECK(!parse_list_request({{"os_hidden", "maybe"}}).ok());
}

TEST_CASE("list: name filters as Glance reads them: quoted in: values and eq:") {
  auto images = sample();
  images[0].name = "b, x";
  images[1].name = "a:1";
  CHECK(names(list({{"name", "in:\"b, x\",\"a:1\""}}, images)) ==
        std::vector<std::string>{"a:1", "b, x"});
  CHECK(names(list({{"name", "eq:a:1"}}, images)) == std::vector<std::string>{"a:1"});
  CHECK(names(list({{"name", "in:d,\"a:1\""}}, images)) == std::vector<std::string>{"d", "a:1"});
  CHECK(!parse_list_request({{"name", "in:\"b, x"}}).ok());    // unclosed
  CHECK(!parse_list_request({{"name", "in:\"b\"x,d"}}).ok());  // no comma after the quote
}

TEST_CASE("list: links keep the query and add the marker, encoded") {
  auto request = parse_list_request({{"name", "a b"}, {"marker", "m"}});
  CHECK(list_link(*request, std::nullopt) == "/v2/images?name=a%20b");
  CHECK(list_link(*request, std::string("x")) == "/v2/images?name=a%20b&marker=x");
  CHECK(list_link(*parse_list_request({}), std::nullopt) == "/v2/images");
}

TEST_CASE("errors: codes map to Glance's statuses and bodies") {
  CHECK(http_status_for(ErrorCode::not_found) == 404);
  CHECK(http_status_for(ErrorCode::forbidden) == 403);
  CHECK(http_status_for(ErrorCode::conflict) == 409);
  CHECK(http_status_for(ErrorCode::quota) == 413);
  CHECK(http_status_for(ErrorCode::invalid_argument) == 400);
  auto body = glance_error_body(404, "gone");
  CHECK(body["code"] == "404 Not Found");
  CHECK(body["title"] == "Not Found");
  CHECK(body["message"] == "gone");
}

TEST_CASE("ranges: single ranges only, 416 past the end") {
  CHECK(parse_range_header("", 10).status == 200);
  auto r = parse_range_header("bytes=2-5", 10);
  CHECK((r.status == 206 && r.first == 2 && r.last == 5));
  r = parse_range_header("bytes=-3", 10);
  CHECK((r.status == 206 && r.first == 7 && r.last == 9));
  r = parse_range_header("bytes=8-", 10);
  CHECK((r.status == 206 && r.first == 8 && r.last == 9));
  CHECK(parse_range_header("bytes=0-1,4-5", 10).status == 400);
  CHECK(parse_range_header("bytes=10-", 10).status == 416);
  CHECK(parse_range_header("items=1-2", 10).status == 400);
}

TEST_CASE("create bodies: typed base attributes, string custom properties, read-only keys") {
  auto create =
      parse_image_create({{"name", "n"}, {"min_ram", 5}, {"tags", {"a"}}, {"os_distro", "x"}});
  REQUIRE(create.ok());
  CHECK(create->min_ram == 5);
  CHECK(create->properties.at("os_distro") == "x");
  CHECK(parse_image_create({{"custom", 5}}).error().code == ErrorCode::invalid_argument);
  CHECK(parse_image_create({{"status", "active"}}).error().code == ErrorCode::forbidden);
  CHECK(parse_image_create({{"os_glance_x", "1"}}).error().code == ErrorCode::forbidden);
  CHECK(parse_image_create({{"min_disk", -1}}).error().code == ErrorCode::invalid_argument);
}

TEST_CASE("patch bodies: add/replace/remove with a value where needed") {
  auto ops = parse_patch(nlohmann::json::parse(
      R"([{"op":"replace","path":"/name","value":"x"},{"op":"remove","path":"/k"}])"));
  REQUIRE(ops.ok());
  CHECK(ops->size() == 2);
  CHECK(!parse_patch(nlohmann::json::parse(R"([{"op":"move","path":"/a"}])")).ok());
  CHECK(!parse_patch(nlohmann::json::parse(R"([{"op":"add","path":"/a"}])")).ok());
  CHECK(!parse_patch(nlohmann::json::object()).ok());
}

TEST_CASE("documents: the metadefs schemas carry Glance's names") {
  for (const char* name :
       {"namespace", "namespaces", "object", "objects", "property", "properties", "tag", "tags"})
    CHECK((*metadef_schema_document(name))["name"] == name);
  CHECK((*metadef_schema_document("resource_type"))["name"] == "resource_type_association");
  CHECK((*metadef_schema_document("resource_types"))["name"] == "resource_type_associations");
  CHECK(!metadef_schema_document("image"));
}

TEST_CASE("documents: versions and schemas") {
  auto versions = versions_document("http://h:1");
  CHECK(versions["versions"][0]["id"] == "v2.15");
  CHECK(versions["versions"][0]["status"] == "CURRENT");
  CHECK(versions["versions"][0]["links"][0]["href"] == "http://h:1/v2/");
  for (const char* name : {"image", "images", "member", "members"}) CHECK(schema_document(name));
  CHECK(!schema_document("nope"));
  CHECK(import_info_document()["import-methods"]["value"].size() == 2);
}

}  // namespace glancer
