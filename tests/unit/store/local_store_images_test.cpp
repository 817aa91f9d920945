// LocalImageService: create, get, list, remove, ids, persistence.
#include <doctest/doctest.h>

#include "core/uuid.h"
#include "store_test_support.h"

namespace glancer::store_test {

TEST_SUITE("store") {
  TEST_CASE("store: open creates the directory, the database and blobs/; describe names it") {
    TempDir tmp;
    auto store = open_store(tmp.store());
    CHECK(fs::is_regular_file(tmp.store() / "glancer.db"));
    CHECK(fs::is_directory(tmp.store() / "blobs"));
    CHECK(store->describe() == "local store " + tmp.store().string());

    auto relative = LocalImageService::open(fs::relative(tmp.store()), test_options());
    REQUIRE(relative.ok());
    CHECK(relative.value()->describe() == "local store " + fs::relative(tmp.store()).string());
  }

  TEST_CASE("store: create returns a queued image with Glance defaults") {
    TempDir tmp;
    LocalStoreOptions options;
    using namespace std::chrono;
    options.clock = std::make_shared<testing::ManualClock>(sys_days{year{2026} / November / 26} +
                                                           hours(18) + minutes(59) + seconds(48));
    auto store = open_store(tmp.store(), options);
    ImageCreate request;
    request.name = "cirros";
    request.tags = {"b", "a"};
    request.properties = {{"os_distro", "cirros"}, {"owner_specified.openstack.md5", "x"}};
    Image image = create_ok(*store, request);

    CHECK(is_uuid(image.id));
    CHECK(image.id[14] == '4');  // version 4
    CHECK(image.status == "queued");
    CHECK(image.visibility == "shared");
    CHECK(image.owner == std::optional<std::string>("local"));
    CHECK_FALSE(image.protected_);
    CHECK_FALSE(image.hidden);
    CHECK_FALSE(image.disk_format);
    CHECK_FALSE(image.size);
    CHECK_FALSE(image.checksum);
    CHECK(image.tags == std::set<std::string>{"a", "b"});
    CHECK(image.property("os_distro") == std::optional<std::string>("cirros"));
    CHECK(image.created_at == "2026-11-26T18:59:48Z");
    CHECK(image.updated_at == image.created_at);

    auto got = store->get(image.id);
    REQUIRE(got.ok());
    CHECK(got.value() == image);
  }

  TEST_CASE("store: the owner comes from the options") {
    TempDir tmp;
    LocalStoreOptions options = test_options();
    options.owner = "project-a";
    auto store = open_store(tmp.store(), options);
    CHECK(create_ok(*store, {}).owner == std::optional<std::string>("project-a"));
  }

  TEST_CASE("store: client-chosen ids are validated and never reused") {
    TempDir tmp;
    auto store = open_store(tmp.store());
    ImageCreate request;
    request.id = "6f0c6b3e-6b1a-4d8e-9d61-1c1b2a3f4e5d";
    CHECK(create_ok(*store, request).id == *request.id);

    SUBCASE("duplicate") {
      CHECK(outcome(store->create(request)) == "conflict");
    }
    SUBCASE("deleted id") {
      REQUIRE(store->remove(*request.id).ok());
      CHECK(outcome(store->get(*request.id)) == "not_found");
      CHECK(outcome(store->create(request)) == "conflict");
      // Still remembered after reopening.
      store.reset();
      store = open_store(tmp.store());
      CHECK(outcome(store->create(request)) == "conflict");
    }
    SUBCASE("not a uuid") {
      for (std::string bad :
           {"abc", "6f0c6b3e6b1a4d8e9d611c1b2a3f4e5d", "6f0c6b3e-6b1a-4d8e-9d61-1c1b2a3f4e5g", "",
            "6f0c6b3e-6b1a-4d8e-9d61-1c1b2a3f4e5d0"}) {
        ImageCreate r;
        r.id = bad;
        CHECK_MESSAGE(outcome(store->create(r)) == "invalid_argument", bad);
      }
    }
  }

  TEST_CASE("store: generated ids are distinct UUIDs") {
    TempDir tmp;
    auto store = open_store(tmp.store());
    std::set<std::string> ids;
    for (int i = 0; i < 20; ++i) ids.insert(create_ok(*store, {}).id);
    CHECK(ids.size() == 20);
    for (const auto& id : ids) CHECK(is_uuid(id));
  }

  TEST_CASE("store: create validates enums, lengths, reserved keys and quotas") {
    TempDir tmp;
    auto store = open_store(tmp.store());
    auto attempt = [&](auto edit) {
      ImageCreate r = uploadable();
      edit(r);
      return outcome(store->create(r));
    };
    CHECK(attempt([](ImageCreate& r) { r.disk_format = "qcow3"; }) == "invalid_argument");
    CHECK(attempt([](ImageCreate& r) { r.container_format = "zip"; }) == "invalid_argument");
    CHECK(attempt([](ImageCreate& r) { r.visibility = "everyone"; }) == "invalid_argument");
    CHECK(attempt([](ImageCreate& r) { r.min_disk = -1; }) == "invalid_argument");
    CHECK(attempt([](ImageCreate& r) { r.name = std::string(256, 'n'); }) == "invalid_argument");
    CHECK(attempt([](ImageCreate& r) { r.tags = {std::string(256, 't')}; }) == "invalid_argument");
    CHECK(attempt([](ImageCreate& r) {
            r.properties = {{std::string(256, 'k'), "v"}};
          }) == "invalid_argument");
    for (std::string key :
         {"os_glance_import_task", "os_glancefoo", "status", "checksum", "name", "owner",
          "locations", "location", "deleted_at", "self", "os_hash_value"})
      CHECK_MESSAGE(attempt([&](ImageCreate& r) {
                      r.properties = {{key, "v"}};
                    }) == "forbidden",
                    key);

    CHECK(attempt([](ImageCreate& r) {
            for (int i = 0; i < 129; ++i) r.tags.insert("t" + std::to_string(i));
          }) == "quota");
    CHECK(attempt([](ImageCreate& r) {
            for (int i = 0; i < 129; ++i) r.properties["p" + std::to_string(i)] = "v";
          }) == "quota");
    CHECK(attempt([](ImageCreate& r) {
            for (int i = 0; i < 128; ++i) r.properties["p" + std::to_string(i)] = "v";
            for (int i = 0; i < 128; ++i) r.tags.insert("t" + std::to_string(i));
          }) == "ok");
    for (std::string format :
         {"ami", "ari", "aki", "vhd", "vhdx", "vmdk", "raw", "qcow2", "vdi", "iso", "ploop"})
      CHECK(attempt([&](ImageCreate& r) { r.disk_format = format; }) == "ok");
    for (std::string format : {"ami", "ari", "aki", "bare", "ovf", "ova", "docker", "compressed"})
      CHECK(attempt([&](ImageCreate& r) { r.container_format = format; }) == "ok");
    for (std::string v : {"public", "private", "shared", "community"})
      CHECK(attempt([&](ImageCreate& r) { r.visibility = v; }) == "ok");
  }

  TEST_CASE("store: get of an unknown or malformed id is not_found") {
    TempDir tmp;
    auto store = open_store(tmp.store());
    CHECK(outcome(store->get("6f0c6b3e-6b1a-4d8e-9d61-1c1b2a3f4e5d")) == "not_found");
    CHECK(outcome(store->get("not-a-uuid")) == "not_found");
  }

  TEST_CASE("store: list returns every image, hidden too, by created_at then id") {
    TempDir tmp;
    LocalStoreOptions options;
    options.clock = std::make_shared<testing::ManualClock>();  // all in the same second
    auto store = open_store(tmp.store(), options);
    ImageCreate hidden;
    hidden.hidden = true;
    hidden.visibility = "community";
    std::vector<std::string> ids;
    for (int i = 0; i < 5; ++i)
      ids.push_back(create_ok(*store, i == 2 ? hidden : ImageCreate{}).id);
    std::sort(ids.begin(), ids.end());

    auto all = store->list({});
    REQUIRE(all.ok());
    std::vector<std::string> listed;
    for (const auto& image : all.value()) listed.push_back(image.id);
    CHECK(listed == ids);
  }

  TEST_CASE("store: list orders by created_at before id") {
    TempDir tmp;
    auto store = open_store(tmp.store());
    std::vector<std::string> ids;
    for (int i = 0; i < 4; ++i) ids.push_back(create_ok(*store, {}).id);
    auto all = store->list({});
    REQUIRE(all.ok());
    REQUIRE(all->size() == 4);
    for (size_t i = 0; i < ids.size(); ++i) CHECK((*all)[i].id == ids[i]);
  }

  TEST_CASE(
      "store: list filters by exact custom property matches and returns tags and properties") {
    TempDir tmp;
    auto store = open_store(tmp.store());
    auto make = [&](std::map<std::string, std::string> props, std::set<std::string> tags) {
      ImageCreate r;
      r.properties = std::move(props);
      r.tags = std::move(tags);
      return create_ok(*store, r);
    };
    Image a = make({{"glancer.set", "pub"}, {"glancer.key", "a"}}, {"x"});
    Image b = make({{"glancer.set", "pub"}, {"glancer.key", "b"}}, {"y", "z"});
    make({{"glancer.set", "other"}, {"glancer.key", "a"}}, {});
    make({}, {"x"});

    ListQuery by_set;
    by_set.properties = {{"glancer.set", "pub"}};
    auto pub = store->list(by_set);
    REQUIRE(pub.ok());
    CHECK(pub.value() == std::vector<Image>{a, b});

    ListQuery by_both;
    by_both.properties = {{"glancer.set", "pub"}, {"glancer.key", "b"}};
    auto just_b = store->list(by_both);
    REQUIRE(just_b.ok());
    CHECK(just_b.value() == std::vector<Image>{b});

    ListQuery none;
    none.properties = {{"glancer.set", "PUB"}};
    CHECK(store->list(none)->empty());
    CHECK(store->list({})->size() == 4);
  }

  TEST_CASE("store: list by names matches any of them exactly, combined with properties") {
    TempDir tmp;
    auto store = open_store(tmp.store());
    auto make = [&](std::string name, std::map<std::string, std::string> props) {
      ImageCreate r;
      r.name = std::move(name);
      r.properties = std::move(props);
      return create_ok(*store, r);
    };
    Image a = make("a, with comma", {});
    Image b = make("b \"quoted\"", {{"glancer.set", "pub"}});
    make("c", {});
    auto named =
        store->list({.names = std::vector<std::string>{"b \"quoted\"", "a, with comma", "z"}});
    REQUIRE(named.ok());
    CHECK(named.value() == std::vector<Image>{a, b});
    auto both = store->list({.properties = {{"glancer.set", "pub"}},
                             .names = std::vector<std::string>{"a, with comma", "b \"quoted\""}});
    REQUIRE(both.ok());
    CHECK(both.value() == std::vector<Image>{b});
    CHECK(store->list({.names = std::vector<std::string>{}})->empty());
  }

  TEST_CASE("store: remove deletes the image; protected images are forbidden") {
    TempDir tmp;
    auto store = open_store(tmp.store());
    ImageCreate request;
    request.protected_ = true;
    Image image = create_ok(*store, request);
    CHECK(outcome(store->remove(image.id)) == "forbidden");
    CHECK(store->get(image.id).ok());

    auto unprotect = store->update(image.id, {op(k_replace, "/protected", false)});
    REQUIRE(unprotect.ok());
    CHECK(store->remove(image.id).ok());
    CHECK(outcome(store->get(image.id)) == "not_found");
    CHECK(outcome(store->remove(image.id)) == "not_found");
    CHECK(store->list({})->empty());
  }

  TEST_CASE("store: everything persists across reopening") {
    TempDir tmp;
    Image image;
    {
      auto store = open_store(tmp.store());
      ImageCreate request = uploadable("persist");
      request.tags = {"t"};
      request.properties = {{"k", "v"}};
      request.visibility = "shared";
      image = create_ok(*store, request);
      TestSource data("abc");
      auto uploaded = store->upload(image.id, data);
      REQUIRE(uploaded.ok());
      image = uploaded.value();
      REQUIRE(store->add_member(image.id, "project-b").ok());
    }
    auto store = open_store(tmp.store());
    CHECK(store->recovery_report().blobs_removed == 0);
    CHECK(store->recovery_report().images_killed == 0);
    auto got = store->get(image.id);
    REQUIRE(got.ok());
    CHECK(got.value() == image);
    CHECK(got->status == "active");
    CHECK(store->list_members(image.id)->size() == 1);
    StringSink sink;
    REQUIRE(store->download(image.id, sink).ok());
    CHECK(sink.data == "abc");
  }

  TEST_CASE("store: two instances on one directory see each other's changes") {
    TempDir tmp;
    auto first = open_store(tmp.store());
    auto second = open_store(tmp.store());
    Image image = create_ok(*first, {});
    CHECK(second->get(image.id).ok());
    REQUIRE(second->remove(image.id).ok());
    CHECK(outcome(first->get(image.id)) == "not_found");
  }

}  // TEST_SUITE

}  // namespace glancer::store_test
