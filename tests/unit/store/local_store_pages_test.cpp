// LocalImageService::list_page (one SELECT per page) answers exactly as apply_list_request, the
// in-memory reference, over a catalogue with nulls, ties, hidden, community, shared images.
#include <doctest/doctest.h>

#include "server/query.h"
#include "store_test_support.h"

namespace glancer::store_test {

namespace {

// 40 images whose attributes vary on different cycles, so filters and sort keys cut the set
// in many ways: null names and formats, equal names and timestamps, sizes, tags, properties,
// members with each status.
void fill(LocalImageService& store, const fs::path& dir) {
  const char* visibilities[] = {"public", "private", "shared", "community"};
  std::vector<std::string> ids;
  for (int i = 0; i < 40; ++i) {
    ImageCreate request;
    if (i % 5 != 0) request.name = "img-" + std::to_string(i % 7);
    request.visibility = visibilities[i % 4];
    request.hidden = i % 6 == 0;
    request.protected_ = i % 9 == 0;
    if (i % 3 != 0) request.disk_format = i % 2 ? "raw" : "qcow2";
    if (i % 4 != 1) request.container_format = "bare";
    if (i % 2) request.tags.insert("a");
    if (i % 3) request.tags.insert("b");
    if (i % 4 == 2) request.properties["os_distro"] = i % 8 == 2 ? "debian" : "ubuntu";
    Image image = create_ok(store, request);
    ids.push_back(image.id);
    if (request.visibility == "shared" && i % 8 != 6) {
      REQUIRE(store.add_member(image.id, "p1").ok());
      if (i % 3 == 1) REQUIRE(store.update_member(image.id, "p1", "accepted").ok());
      if (i % 3 == 2) REQUIRE(store.update_member(image.id, "p1", "rejected").ok());
    }
  }
  // Sizes (some equal, some null) and creation-time ties, which only the id breaks.
  for (int i = 0; i < 40; ++i) {
    if (i % 5 != 4)
      raw_sql(dir, "UPDATE images SET size = " + std::to_string((i * 37) % 11 * 10) +
                       " WHERE id = '" + ids[i] + "'");
    if (i % 10 < 3)
      raw_sql(dir,
              "UPDATE images SET created_at = '2026-01-01T00:00:05Z' WHERE id = '" + ids[i] + "'");
  }
}

ListRequest request_of(const std::string& query) {
  QueryParams params;
  if (!query.empty())
    for (const auto& pair : split(query, '&')) {
      auto eq = pair.find('=');
      params.emplace_back(pair.substr(0, eq), pair.substr(eq + 1));
    }
  auto request = parse_list_request(params);
  REQUIRE_MESSAGE(request.ok(), query);
  return request.value();
}

Result<ListPage> reference(LocalImageService& store, const ListRequest& request) {
  auto all = store.list({});
  REQUIRE(all.ok());
  return apply_list_request(request, all.value(), [&](const std::string& id) {
    std::vector<std::string> statuses;
    auto members = store.list_members(id);
    if (members.ok())
      for (const auto& m : *members) statuses.push_back(m.status);
    return statuses;
  });
}

std::vector<std::string> ids_of(const ListPage& page) {
  std::vector<std::string> ids;
  for (const auto& image : page.images) ids.push_back(image.id);
  return ids;
}

}  // namespace

TEST_SUITE("store") {
  TEST_CASE("store: list_page in SQL pages exactly as the in-memory reference") {
    TempDir tmp;
    auto store = open_store(tmp.store());
    fill(*store, tmp.store());

    const std::vector<std::string> queries = {
        "",
        "sort_key=name&sort_dir=asc",
        "sort_key=name",
        "sort=name:desc,size:asc",
        "sort=size:asc,name:desc",
        "sort_key=size",
        "sort_key=disk_format&sort_dir=asc",
        "sort=container_format:desc,disk_format:asc",
        "sort_key=status&sort_dir=asc",
        "sort=id:asc",
        "sort=updated_at:asc,name:asc",
        "sort_dir=asc",
        "visibility=all",
        "visibility=community",
        "visibility=shared&member_status=all",
        "member_status=accepted",
        "member_status=pending&visibility=all&sort_key=name",
        "os_hidden=true",
        "os_hidden=true&visibility=all&sort=size:asc",
        "protected=true&visibility=all",
        "tag=a",
        "tag=a&tag=b&sort_key=name&sort_dir=asc",
        "name=img-3",
        "name=in:img-1,img-4&visibility=all",
        "disk_format=raw&container_format=bare",
        "status=queued",
        "size_min=20&size_max=70",
        "size_min=0&sort_key=size&sort_dir=asc",
        "created_at=gt:2026-01-01T00:00:05Z",
        "created_at=eq:2026-01-01T00:00:05Z",
        "updated_at=lte:2026-01-01T00:00:40Z&created_at=neq:2026-01-01T00:00:05Z",
        "os_distro=debian",
        "os_distro=ubuntu&visibility=all&sort_key=name&sort_dir=asc",
    };
    for (const auto& query : queries)
      for (size_t limit : {size_t{1}, size_t{3}, size_t{7}, size_t{1000}}) {
        CAPTURE(query);
        CAPTURE(limit);
        ListRequest request = request_of(query);
        request.limit = limit;
        // Walk every page with the markers each side hands out.
        for (int pages = 0; pages < 50; ++pages) {
          auto sql = store->list_page(request);
          auto memory = reference(*store, request);
          REQUIRE(sql.ok());
          REQUIRE(memory.ok());
          CHECK(ids_of(sql.value()) == ids_of(memory.value()));
          CHECK(sql->images == memory->images);
          CHECK(sql->next_marker == memory->next_marker);
          if (!sql->next_marker || sql->next_marker != memory->next_marker) break;
          request.marker = sql->next_marker;
        }
      }
  }

  TEST_CASE("store: names are indexed, also in a store made before the index") {
    TempDir tmp;
    {
      auto store = open_store(tmp.store());
      for (const char* name : {"a", "b", "c"}) REQUIRE(store->create(uploadable(name)).ok());
    }
    raw_sql(tmp.store(), "DROP INDEX images_by_name");  // fails unless a new store has it
    auto store = open_store(tmp.store());
    raw_sql(tmp.store(), "DROP INDEX images_by_name");  // opening added it back
    raw_sql(tmp.store(), "CREATE INDEX images_by_name ON images (name)");
    ListRequest request;
    request.one_of["name"] = {"c", "a", "z"};
    auto page = store->list_page(request);
    REQUIRE(page.ok());
    std::vector<std::string> names;
    for (const Image& im : page->images) names.push_back(im.name.value_or(""));
    std::sort(names.begin(), names.end());
    CHECK(names == std::vector<std::string>{"a", "c"});
  }

  TEST_CASE("store: list_page accepts any image as marker, even one the filters leave out") {
    TempDir tmp;
    auto store = open_store(tmp.store());
    fill(*store, tmp.store());
    auto all = store->list({});
    REQUIRE(all.ok());
    for (const auto& image : *all) {
      for (const char* query : {"", "sort_key=name&sort_dir=asc", "sort=size:desc,name:asc"}) {
        CAPTURE(query);
        ListRequest request = request_of(query);
        request.limit = 4;
        request.marker = image.id;
        auto sql = store->list_page(request);
        auto memory = reference(*store, request);
        REQUIRE(sql.ok());
        REQUIRE(memory.ok());
        CHECK(ids_of(sql.value()) == ids_of(memory.value()));
      }
    }
    ListRequest unknown = request_of("");
    unknown.marker = "6f0c6b3e-6b1a-4d8e-9d61-1c1b2a3f4e5d";
    CHECK(outcome(store->list_page(unknown)) == "invalid_argument");
    CHECK(outcome(reference(*store, unknown)) == "invalid_argument");
  }
}  // TEST_SUITE

}  // namespace glancer::store_test
