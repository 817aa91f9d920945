// Glance PATCH semantics: apply_patch (pure) and LocalImageService::update (atomic, updated_at).
#include <doctest/doctest.h>

#include "store/image_patch.h"
#include "store_test_support.h"

namespace glancer::store_test {

namespace {

std::string patched(Image& image, std::vector<PatchOp> ops) {
  return outcome(apply_patch(image, ops));
}

}  // namespace

TEST_SUITE("store") {
  TEST_CASE("store: patch paths are depth 1 with JSON-pointer escapes") {
    CHECK(patch_path_key("/name").value() == "name");
    CHECK(patch_path_key("/a~1b~0c").value() == "a/b~c");
    CHECK(outcome(patch_path_key("/tags/-")) == "invalid_argument");
    CHECK(outcome(patch_path_key("name")) == "invalid_argument");
    CHECK(outcome(patch_path_key("/")) == "invalid_argument");
    CHECK(outcome(patch_path_key("")) == "invalid_argument");
    CHECK(outcome(patch_path_key("/a~2")) == "invalid_argument");
    CHECK(outcome(patch_path_key("/a~")) == "invalid_argument");
  }

  TEST_CASE("store: patch sets writable base attributes") {
    Image image;
    CHECK(patched(image,
                  {op(k_replace, "/name", "n"), op(k_add, "/visibility", "public"),
                   op(k_replace, "/protected", true), op(k_replace, "/os_hidden", true),
                   op(k_replace, "/min_disk", 8), op(k_replace, "/min_ram", 512),
                   op(k_replace, "/disk_format", "raw"), op(k_replace, "/container_format", "bare"),
                   op(k_replace, "/tags", {"b", "a", "b"})}) == "ok");
    CHECK(image.name == std::optional<std::string>("n"));
    CHECK(image.visibility == "public");
    CHECK(image.protected_);
    CHECK(image.hidden);
    CHECK(image.min_disk == 8);
    CHECK(image.min_ram == 512);
    CHECK(image.disk_format == std::optional<std::string>("raw"));
    CHECK(image.container_format == std::optional<std::string>("bare"));
    CHECK(image.tags == std::set<std::string>{"a", "b"});

    CHECK(patched(image, {op(k_replace, "/name", nullptr),
                          op(k_replace, "/tags", nlohmann::json::array())}) == "ok");
    CHECK_FALSE(image.name);
    CHECK(image.tags.empty());
  }

  TEST_CASE("store: patch rejects bad values of base attributes") {
    Image image;
    CHECK(patched(image, {op(k_replace, "/visibility", "everyone")}) == "invalid_argument");
    CHECK(patched(image, {op(k_replace, "/visibility", nullptr)}) == "invalid_argument");
    CHECK(patched(image, {op(k_replace, "/protected", "yes")}) == "invalid_argument");
    CHECK(patched(image, {op(k_replace, "/min_disk", -1)}) == "invalid_argument");
    CHECK(patched(image, {op(k_replace, "/min_ram", 1.5)}) == "invalid_argument");
    CHECK(patched(image, {op(k_replace, "/min_ram", nullptr)}) == "invalid_argument");
    CHECK(patched(image, {op(k_replace, "/name", 5)}) == "invalid_argument");
    CHECK(patched(image, {op(k_replace, "/name", std::string(256, 'x'))}) == "invalid_argument");
    CHECK(patched(image, {op(k_replace, "/disk_format", "qcow3")}) == "invalid_argument");
    CHECK(patched(image, {op(k_replace, "/tags", "a")}) == "invalid_argument");
    CHECK(patched(image, {op(k_replace, "/tags", {1, 2})}) == "invalid_argument");
    CHECK(patched(image, {op(k_add, "/tags/-", "a")}) == "invalid_argument");
  }

  TEST_CASE("store: patch forbids read-only, reserved and admin attributes and base removal") {
    for (std::string key : {"id",
                            "status",
                            "checksum",
                            "size",
                            "virtual_size",
                            "os_hash_algo",
                            "os_hash_value",
                            "created_at",
                            "updated_at",
                            "self",
                            "file",
                            "schema",
                            "direct_url",
                            "locations",
                            "stores",
                            "location",
                            "deleted",
                            "deleted_at",
                            "os_glance_import_task",
                            "owner"}) {
      for (auto kind : {k_add, k_replace, k_remove}) {
        Image image;
        CHECK_MESSAGE(patched(image, {op(kind, "/" + key, "x")}) == "forbidden", key);
      }
    }
    for (std::string key : {"name", "visibility", "protected", "os_hidden", "min_disk", "min_ram",
                            "disk_format", "container_format", "tags"}) {
      Image image;
      CHECK_MESSAGE(patched(image, {op(k_remove, "/" + key)}) == "forbidden", key);
    }
  }

  TEST_CASE("store: disk and container formats change only while queued") {
    Image image;
    image.status = "active";
    image.disk_format = "raw";
    CHECK(patched(image, {op(k_replace, "/disk_format", "qcow2")}) == "forbidden");
    CHECK(patched(image, {op(k_replace, "/container_format", "bare")}) == "forbidden");
    CHECK(patched(image, {op(k_replace, "/disk_format", "raw")}) == "forbidden");  // even unchanged
    CHECK(patched(image, {op(k_replace, "/name", "still writable")}) == "ok");
  }

  TEST_CASE(
      "store: custom properties: string values, add overwrites, replace/remove need the key") {
    Image image;
    CHECK(patched(image, {op(k_add, "/os_distro", "ubuntu")}) == "ok");
    CHECK(patched(image, {op(k_add, "/os_distro", "debian")}) == "ok");
    CHECK(image.property("os_distro") == std::optional<std::string>("debian"));
    CHECK(patched(image, {op(k_replace, "/os_distro", "centos")}) == "ok");
    CHECK(image.property("os_distro") == std::optional<std::string>("centos"));
    CHECK(patched(image, {op(k_replace, "/missing", "x")}) == "conflict");
    CHECK(patched(image, {op(k_remove, "/missing")}) == "conflict");
    CHECK(patched(image, {op(k_add, "/n", 5)}) == "invalid_argument");
    CHECK(patched(image, {op(k_add, "/n", nullptr)}) == "invalid_argument");
    CHECK(patched(image, {op(k_add, "/n", {{"a", "b"}})}) == "invalid_argument");
    CHECK(patched(image, {op(k_add, "/" + std::string(256, 'k'), "v")}) == "invalid_argument");
    CHECK(patched(image, {op(k_add, "/a~1b", "slash")}) == "ok");
    CHECK(patched(image, {op(k_add, "/big", std::string(65535, 'v'))}) == "ok");
    CHECK(patched(image, {op(k_add, "/big", std::string(65536, 'v'))}) == "invalid_argument");
    CHECK(image.property("a/b") == std::optional<std::string>("slash"));
    CHECK(patched(image, {op(k_remove, "/os_distro")}) == "ok");
    CHECK_FALSE(image.property("os_distro"));
  }

  TEST_CASE("store: patch quotas are checked after all operations") {
    Image image;
    for (int i = 0; i < 128; ++i) image.properties["p" + std::to_string(i)] = "v";
    CHECK(patched(image, {op(k_add, "/extra", "v")}) == "quota");
    Image swap = image;
    CHECK(patched(swap, {op(k_add, "/extra", "v"), op(k_remove, "/p0")}) == "ok");

    Image tagged;
    nlohmann::json tags = nlohmann::json::array();
    for (int i = 0; i < 129; ++i) tags.push_back("t" + std::to_string(i));
    CHECK(patched(tagged, {op(k_replace, "/tags", tags)}) == "quota");
  }

  TEST_CASE("store: update is atomic and changes updated_at only when something changes") {
    TempDir tmp;
    auto store = open_store(tmp.store());
    ImageCreate request;
    request.name = "before";
    request.properties = {{"keep", "1"}};
    Image image = create_ok(*store, request);

    // The second op fails: nothing of the first may stick.
    auto failed = store->update(image.id, {op(k_replace, "/name", "after"), op(k_remove, "/nope")});
    CHECK(outcome(failed) == "conflict");
    CHECK(store->get(image.id).value() == image);

    auto same = store->update(image.id, {op(k_replace, "/name", "before")});
    REQUIRE(same.ok());
    CHECK(same->updated_at == image.updated_at);

    auto changed = store->update(image.id, {op(k_replace, "/name", "after"), op(k_add, "/new", "v"),
                                            op(k_remove, "/keep"), op(k_add, "/tags", {"t"})});
    REQUIRE(changed.ok());
    CHECK(changed->name == std::optional<std::string>("after"));
    CHECK(changed->properties == std::map<std::string, std::string>{{"new", "v"}});
    CHECK(changed->tags == std::set<std::string>{"t"});
    CHECK(changed->updated_at > image.updated_at);
    CHECK(changed->created_at == image.created_at);
    CHECK(store->get(image.id).value() == changed.value());

    // Only the rows that differ are written: a changed value, a replaced tag, an unchanged key.
    auto again = store->update(image.id, {op(k_replace, "/new", "w"), op(k_add, "/other", "o"),
                                          op(k_replace, "/tags", {"u"})});
    REQUIRE(again.ok());
    CHECK(again->properties == std::map<std::string, std::string>{{"new", "w"}, {"other", "o"}});
    CHECK(again->tags == std::set<std::string>{"u"});
    CHECK(store->get(image.id).value() == again.value());

    CHECK(outcome(store->update("6f0c6b3e-6b1a-4d8e-9d61-1c1b2a3f4e5d", {})) == "not_found");
  }

  TEST_CASE("store: formats of an uploaded image are frozen") {
    TempDir tmp;
    auto store = open_store(tmp.store());
    Image image = create_ok(*store, uploadable());
    REQUIRE(store->update(image.id, {op(k_replace, "/disk_format", "raw")}).ok());
    TestSource data("x");
    REQUIRE(store->upload(image.id, data).ok());
    CHECK(outcome(store->update(image.id, {op(k_replace, "/disk_format", "qcow2")})) ==
          "forbidden");
    CHECK(store->get(image.id)->disk_format == std::optional<std::string>("raw"));
  }

}  // TEST_SUITE

}  // namespace glancer::store_test
