// LocalMetadefStore: the metadata definitions catalogue in the embedded store.
#include "store/metadef_store.h"

#include <doctest/doctest.h>

#include "store/store_schema.h"
#include "store_test_support.h"

namespace glancer::store_test {

namespace {

std::unique_ptr<LocalMetadefStore> open_metadefs(const fs::path& dir) {
  auto store = LocalMetadefStore::open(dir, std::make_shared<testing::TickingClock>());
  REQUIRE_MESSAGE(store.ok(), (store.ok() ? "" : store.error().message));
  return std::move(store).value();
}

MetadefNamespaceContent ns_named(const std::string& name, const std::string& visibility = "public",
                                 std::optional<std::string> owner = std::nullopt) {
  MetadefNamespaceContent content;
  content.ns.name = name;
  content.ns.visibility = visibility;
  content.ns.owner = std::move(owner);
  return content;
}

MetadefItem item(const std::string& name, nlohmann::json body = nlohmann::json::object()) {
  return MetadefItem{name, std::move(body)};
}

int count_rows(const fs::path& dir, const std::string& table) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open((dir / "glancer.db").c_str(), &db) == SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, ("SELECT count(*) FROM " + table).c_str(), -1, &stmt, nullptr) ==
          SQLITE_OK);
  REQUIRE(sqlite3_step(stmt) == SQLITE_ROW);
  int n = sqlite3_column_int(stmt, 0);
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return n;
}

std::vector<std::string> names_of(const std::vector<MetadefNamespace>& list) {
  std::vector<std::string> out;
  for (const auto& ns : list) out.push_back(ns.name);
  return out;
}

std::vector<std::string> names_of(const std::vector<MetadefItem>& list) {
  std::vector<std::string> out;
  for (const auto& i : list) out.push_back(i.name);
  return out;
}

}  // namespace

TEST_SUITE("store") {
  TEST_CASE("metadefs: a new store holds Glance's standard resource types, in Glance's order") {
    TempDir tmp;
    auto store = open_metadefs(tmp.store());
    auto types = store->list_resource_types();
    REQUIRE(types.ok());
    std::vector<std::string> names;
    for (const auto& t : *types) names.push_back(t.name);
    CHECK(names == std::vector<std::string>{"OS::Glance::Image", "OS::Cinder::Volume",
                                            "OS::Nova::Flavor", "OS::Nova::Aggregate",
                                            "OS::Nova::Server", "OS::Trove::Instance"});
    CHECK_FALSE(types->front().created_at.empty());
  }

  TEST_CASE("metadefs: a version-1 store is migrated, its images kept") {
    TempDir tmp;
    {
      auto images = open_store(tmp.store());
      create_ok(*images, uploadable("kept"));
    }
    raw_sql(tmp.store(),
            "DROP TABLE metadef_items; DROP TABLE metadef_associations; "
            "DROP TABLE metadef_resource_types; DROP TABLE metadef_namespaces; "
            "PRAGMA user_version = 1");
    auto store = open_metadefs(tmp.store());
    CHECK(store->list_resource_types()->size() == 6);
    auto images = open_store(tmp.store());
    CHECK(images->list({})->size() == 1);
  }

  TEST_CASE("metadefs: a namespace is created with its content, read, renamed and deleted") {
    TempDir tmp;
    auto store = open_metadefs(tmp.store());
    auto content = ns_named("OS::Test");
    content.ns.display_name = "Test";
    content.associations.push_back({"OS::Glance::Image", "hw_", std::nullopt, "", ""});
    content.associations.push_back({"OS::Brand::New", std::nullopt, "image", "", ""});
    content.objects.push_back(item("obj", {{"required", nlohmann::json::array()}}));
    content.properties.push_back(item("cpu", {{"title", "CPU"}, {"type", "string"}}));
    content.tags.push_back(item("t1"));
    auto created = store->create_namespace(content);
    REQUIRE(created.ok());
    CHECK(created->ns.created_at == created->ns.updated_at);
    CHECK(created->associations.size() == 2);

    CHECK(outcome(store->create_namespace(ns_named("OS::Test"))) == "conflict");
    auto got = store->get_namespace("OS::Test");
    REQUIRE(got.ok());
    CHECK(got->display_name == std::optional<std::string>("Test"));
    CHECK(got->visibility == "public");
    // A resource type named by an association is created, as Glance does.
    CHECK(store->list_resource_types()->back().name == "OS::Brand::New");
    auto associations = store->list_associations("OS::Test");
    REQUIRE(associations.ok());
    CHECK(associations->front().prefix == std::optional<std::string>("hw_"));
    CHECK(associations->back().properties_target == std::optional<std::string>("image"));

    MetadefNamespace values = *got;
    values.name = "OS::Renamed";
    values.is_protected = true;
    auto updated = store->update_namespace("OS::Test", values);
    REQUIRE(updated.ok());
    CHECK(updated->created_at == got->created_at);
    CHECK(updated->updated_at != got->updated_at);
    CHECK(outcome(store->get_namespace("OS::Test")) == "not_found");
    CHECK(store->list_items("OS::Renamed", MetadefKind::property)->size() == 1);

    CHECK(outcome(store->delete_namespace("OS::Renamed")) == "forbidden");
    values.name = "OS::Renamed";
    values.is_protected = false;
    REQUIRE(store->update_namespace("OS::Renamed", values).ok());
    CHECK(outcome(store->delete_namespace("OS::Renamed")) == "ok");
    CHECK(outcome(store->list_items("OS::Renamed", MetadefKind::tag)) == "not_found");
    CHECK(count_rows(tmp.store(), "metadef_items") == 0);  // the content went with it
    CHECK(count_rows(tmp.store(), "metadef_associations") == 0);
    CHECK(outcome(store->delete_namespace("OS::Renamed")) == "not_found");
  }

  TEST_CASE("metadefs: a failed create leaves nothing behind") {
    TempDir tmp;
    auto store = open_metadefs(tmp.store());
    auto content = ns_named("OS::Half");
    content.tags = {item("same"), item("same")};
    CHECK(outcome(store->create_namespace(content)) == "conflict");
    CHECK(outcome(store->get_namespace("OS::Half")) == "not_found");
  }

  TEST_CASE("metadefs: listing applies visibility, filters, order and keyset paging") {
    TempDir tmp;
    auto store = open_metadefs(tmp.store());
    auto with_type = ns_named("c-public", "public", "p1");
    with_type.associations.push_back({"OS::Nova::Flavor", std::nullopt, std::nullopt, "", ""});
    REQUIRE(store->create_namespace(with_type).ok());
    REQUIRE(store->create_namespace(ns_named("a-mine", "private", "p1")).ok());
    REQUIRE(store->create_namespace(ns_named("b-theirs", "private", "p2")).ok());
    REQUIRE(store->create_namespace(ns_named("d-unowned", "private")).ok());

    MetadefNamespaceQuery query;  // everything, newest first
    CHECK(names_of(*store->list_namespaces(query)) ==
          std::vector<std::string>{"d-unowned", "b-theirs", "a-mine", "c-public"});
    query.sees_all = false;
    query.project = "p1";
    CHECK(names_of(*store->list_namespaces(query)) ==
          std::vector<std::string>{"a-mine", "c-public"});
    query.project = "p3";
    CHECK(names_of(*store->list_namespaces(query)) == std::vector<std::string>{"c-public"});

    query.sees_all = true;
    query.visibility = "private";
    query.sort_key = "namespace";
    query.ascending = true;
    CHECK(names_of(*store->list_namespaces(query)) ==
          std::vector<std::string>{"a-mine", "b-theirs", "d-unowned"});
    query.limit = 1;
    query.marker = "a-mine";
    CHECK(names_of(*store->list_namespaces(query)) == std::vector<std::string>{"b-theirs"});
    query.marker = "b-theirs";
    CHECK(names_of(*store->list_namespaces(query)) == std::vector<std::string>{"d-unowned"});
    query.marker = "nope";
    CHECK(outcome(store->list_namespaces(query)) == "not_found");

    MetadefNamespaceQuery by_type;
    by_type.resource_types = {"OS::Nova::Flavor", "OS::Glance::Image"};
    CHECK(names_of(*store->list_namespaces(by_type)) == std::vector<std::string>{"c-public"});
    by_type.sort_key = "size; DROP TABLE x";
    CHECK(outcome(store->list_namespaces(by_type)) == "invalid_argument");
  }

  TEST_CASE("metadefs: objects, properties and tags: create, read, rename, delete") {
    TempDir tmp;
    auto store = open_metadefs(tmp.store());
    REQUIRE(store->create_namespace(ns_named("ns")).ok());
    for (MetadefKind kind : {MetadefKind::object, MetadefKind::property, MetadefKind::tag}) {
      CAPTURE(metadef_kind_name(kind));
      auto created = store->create_item("ns", kind, item("one", {{"k", 1}}));
      REQUIRE(created.ok());
      CHECK(outcome(store->create_item("ns", kind, item("one"))) == "conflict");
      CHECK(store->get_item("ns", kind, "one")->body == nlohmann::json{{"k", 1}});
      REQUIRE(store->create_item("ns", kind, item("two")).ok());
      CHECK(outcome(store->update_item("ns", kind, "one", item("two"))) == "conflict");
      auto renamed = store->update_item("ns", kind, "one", item("uno", {{"k", 2}}));
      REQUIRE(renamed.ok());
      CHECK(renamed->created_at == created->created_at);
      CHECK(outcome(store->get_item("ns", kind, "one")) == "not_found");
      CHECK(outcome(store->update_item("ns", kind, "one", item("x"))) == "not_found");
      CHECK(outcome(store->delete_item("ns", kind, "uno")) == "ok");
      CHECK(outcome(store->delete_item("ns", kind, "uno")) == "not_found");
      CHECK(names_of(*store->list_items("ns", kind)) == std::vector<std::string>{"two"});
      CHECK(outcome(store->delete_items("ns", kind)) == "ok");
      CHECK(store->list_items("ns", kind)->empty());
    }
    CHECK(outcome(store->create_item("none", MetadefKind::tag, item("t"))) == "not_found");
  }

  TEST_CASE("metadefs: several tags replace or append; a repeated name changes nothing") {
    TempDir tmp;
    auto store = open_metadefs(tmp.store());
    REQUIRE(store->create_namespace(ns_named("ns")).ok());
    REQUIRE(store->create_items("ns", MetadefKind::tag, {item("a"), item("b")}, false).ok());
    REQUIRE(store->create_items("ns", MetadefKind::tag, {item("c"), item("d")}, false).ok());
    REQUIRE(store->create_items("ns", MetadefKind::tag, {item("e")}, true).ok());
    MetadefTagQuery asc;
    asc.ascending = true;
    CHECK(names_of(*store->list_items("ns", MetadefKind::tag, asc)) ==
          std::vector<std::string>{"c", "d", "e"});
    CHECK(outcome(store->create_items("ns", MetadefKind::tag, {item("c")}, true)) == "conflict");
    CHECK(outcome(store->create_items("ns", MetadefKind::tag, {item("x"), item("x")}, false)) ==
          "conflict");
    CHECK(store->list_items("ns", MetadefKind::tag)->size() == 3);

    MetadefTagQuery page;  // newest first, after "e", one at a time
    page.marker = "e";
    page.limit = 1;
    CHECK(names_of(*store->list_items("ns", MetadefKind::tag, page)) ==
          std::vector<std::string>{"d"});
    page.sort_key = "name";
    page.ascending = true;
    page.marker = "c";
    page.limit = 5;
    CHECK(names_of(*store->list_items("ns", MetadefKind::tag, page)) ==
          std::vector<std::string>{"d", "e"});
  }

  TEST_CASE("metadefs: nothing is deleted from a protected namespace") {
    TempDir tmp;
    auto store = open_metadefs(tmp.store());
    auto content = ns_named("ns");
    content.ns.is_protected = true;
    content.associations.push_back({"OS::Glance::Image", std::nullopt, std::nullopt, "", ""});
    content.tags.push_back(item("t"));
    REQUIRE(store->create_namespace(content).ok());
    CHECK(outcome(store->delete_item("ns", MetadefKind::tag, "t")) == "forbidden");
    CHECK(outcome(store->delete_item("ns", MetadefKind::tag, "absent")) == "not_found");
    CHECK(outcome(store->delete_items("ns", MetadefKind::tag)) == "forbidden");
    CHECK(outcome(store->remove_association("ns", "OS::Glance::Image")) == "forbidden");
    CHECK(store->list_items("ns", MetadefKind::tag)->size() == 1);
  }

  TEST_CASE("metadefs: associations: added once, removed once") {
    TempDir tmp;
    auto store = open_metadefs(tmp.store());
    REQUIRE(store->create_namespace(ns_named("ns")).ok());
    MetadefAssociation association{"OS::Nova::Server", "hw:", std::nullopt, "", ""};
    auto added = store->add_association("ns", association);
    REQUIRE(added.ok());
    CHECK_FALSE(added->created_at.empty());
    CHECK(outcome(store->add_association("ns", association)) == "conflict");
    CHECK(outcome(store->add_association("none", association)) == "not_found");
    CHECK(outcome(store->remove_association("ns", "OS::Nova::Server")) == "ok");
    CHECK(outcome(store->remove_association("ns", "OS::Nova::Server")) == "not_found");
    CHECK(store->list_associations("ns")->empty());
  }
}

}  // namespace glancer::store_test
