// Valid manifests: every field read, defaults merged, documents and files combined.

#include "manifest/loader.h"

#include <doctest/doctest.h>

#include "manifest_test_util.h"

using namespace glancer;
using namespace glancer::test;

namespace {

const DesiredImage& image(const DesiredState& state, const std::string& set,
                          const std::string& key) {
  const DesiredImage* im = state.find(set, key);
  REQUIRE_MESSAGE(im != nullptr, "no image " << set << "/" << key);
  return *im;
}

std::vector<std::string> set_names(const DesiredState& state) {
  std::vector<std::string> out;
  for (const auto& s : state.sets) out.push_back(s.name);
  return out;
}

}  // namespace

TEST_SUITE("manifest") {
  TEST_CASE("loader: a minimal manifest gets the model's defaults and its key from the name") {
    Diagnostics diags;
    std::string file = (manifest_data() / "minimal.yaml").string();
    DesiredState state = load_manifests({file}, diags);
    CHECK(messages(diags).empty());
    CHECK(set_names(state) == std::vector<std::string>{"minimal"});
    CHECK(state.sets[0].where == SourcePos{file, 4, 3});
    REQUIRE(state.images.size() == 1);
    const DesiredImage& im = state.images[0];
    CHECK(im.set == "minimal");
    CHECK(im.key == "cirros");
    CHECK(im.name == "cirros");
    CHECK(im.disk_format == "qcow2");
    CHECK(im.container_format == "bare");
    CHECK(im.visibility == "private");
    CHECK(im.status == "active");
    CHECK_FALSE(im.protected_);
    CHECK_FALSE(im.hidden);
    CHECK(im.min_disk == 0);
    CHECK(im.min_ram == 0);
    CHECK(im.tags.empty());
    CHECK(im.properties.empty());
    CHECK(im.members.empty());
    CHECK_FALSE(im.source.has_value());
    CHECK_FALSE(im.rotation.has_value());
    CHECK(im.lifecycle == Lifecycle{});
    CHECK(im.where == SourcePos{file, 6, 5});
    CHECK(im.pos("name") == SourcePos{file, 6, 5});
    CHECK(im.pos("key") == SourcePos{file, 6, 5});  // the key comes from the name
    CHECK(im.field_pos.size() == 2);
  }

  TEST_CASE("loader: a full manifest sets every field, merged with its defaults") {
    Diagnostics diags;
    std::string file = (manifest_data() / "full.yaml").string();
    DesiredState state = load_manifests({file}, diags);
    CHECK(messages(diags).empty());
    REQUIRE(state.images.size() == 2);

    const DesiredImage& u = image(state, "public-catalogue", "ubuntu-20.04");
    CHECK(u.name == "Ubuntu 20.04");
    CHECK(u.disk_format == "raw");
    CHECK(u.container_format == "ovf");
    CHECK(u.visibility == "shared");
    CHECK(u.protected_);
    CHECK(u.hidden);
    CHECK(u.status == "deactivated");
    CHECK(u.min_disk == 8);
    CHECK(u.min_ram == 512);                                  // its own value beats the default 256
    CHECK(u.tags == std::set<std::string>{"lts", "ubuntu"});  // lists are replaced, not merged
    CHECK(u.properties == std::map<std::string, std::string>{
                              {"hw_disk_bus", "virtio"},         // its own value beats the default
                              {"hw_scsi_model", "virtio-scsi"},  // inherited
                              {"kernel_id", "${image.cirros.id}"},
                              {"os_distro", "ubuntu"},
                              {"os_version", "20.04"}});
    CHECK(u.members == std::set<std::string>{"0f3c2d1e9a8b4c7d6e5f4a3b2c1d0e9f",
                                             "a1111111222233334444555555555555"});
    REQUIRE(u.source.has_value());
    CHECK(u.source->file == manifest_data() / "images" / "ubuntu.qcow2");
    CHECK(u.source->url.empty());
    REQUIRE(u.source->checksum.has_value());
    CHECK(u.source->checksum->to_string() ==
          "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
    CHECK(u.source->method == "upload");
    CHECK(u.source->version == "20230215");
    REQUIRE(u.rotation.has_value());
    CHECK(u.rotation->keep == 2);
    CHECK(u.rotation->retire == "hide");  // from defaults, field by field
    CHECK(u.lifecycle.prevent_destroy);
    CHECK(u.references ==
          std::vector<ImageRef>{{"kernel_id", "public-catalogue", "cirros", {file, 28, 7}}});
    CHECK(u.lifecycle.ignore_changes ==
          std::vector<std::string>{"properties.hw_qemu_guest_agent", "min_ram"});

    CHECK(u.where == SourcePos{file, 13, 5});
    CHECK(u.pos("key") == SourcePos{file, 13, 5});
    CHECK(u.pos("name") == SourcePos{file, 14, 5});
    CHECK(u.pos("min_ram") == SourcePos{file, 22, 5});
    CHECK(u.pos("properties.os_version") == SourcePos{file, 26, 7});
    CHECK(u.pos("properties.hw_scsi_model") == SourcePos{file, 10, 35});  // in defaults
    CHECK(u.pos("source.file") == SourcePos{file, 31, 7});
    CHECK(u.pos("rotation.keep") == SourcePos{file, 36, 7});
    CHECK(u.pos("rotation.retire") == SourcePos{file, 11, 14});
    CHECK(u.pos("tags.lts") == SourcePos{file, 23, 20});
    CHECK(u.field_pos.count("tags.default-tag") == 0);
    for (const char* path : {"disk_format", "container_format", "visibility", "protected", "hidden",
                             "status", "min_disk", "tags", "properties", "members", "source",
                             "source.checksum", "source.method", "source.version", "rotation",
                             "lifecycle", "lifecycle.prevent_destroy", "lifecycle.ignore_changes"})
      CHECK_MESSAGE(u.field_pos.count(path) == 1, path);

    const DesiredImage& c = image(state, "public-catalogue", "cirros");
    CHECK(c.visibility == "public");
    CHECK(c.min_ram == 256);
    CHECK(c.tags == std::set<std::string>{"default-tag"});
    CHECK(c.properties.size() == 2);
    REQUIRE(c.source.has_value());
    CHECK(c.source->file.empty());
    CHECK(c.source->url == "https://download.example.org/cirros-0.6.2-x86_64-disk.img");
    CHECK(c.source->checksum_url == "https://download.example.org/MD5SUMS");
    CHECK(c.source->method == "web-download");
    CHECK_FALSE(c.source->checksum.has_value());
    REQUIRE(c.rotation.has_value());
    CHECK(*c.rotation == Rotation{0, "hide"});
    CHECK(c.pos("visibility") == SourcePos{file, 7, 3});
    CHECK(c.pos("source.url") == SourcePos{file, 42, 7});
  }

  TEST_CASE("loader: defaults deep-merge maps and replace scalars and lists") {
    auto loaded = load_text(R"(apiVersion: glancer/v1
kind: ImageSet
metadata: {name: s}
defaults:
  visibility: community
  tags: [x, y]
  properties: {a: "1", b: "2"}
  lifecycle: {prevent_destroy: true, ignore_changes: [name]}
images:
  - name: own
    visibility: public
    tags: [z]
    properties: {b: "3", c: "4"}
    lifecycle: {ignore_changes: [tags]}
  - name: inherits
)");
    CHECK(messages(loaded.diags).empty());
    const DesiredImage& own = image(loaded.state, "s", "own");
    CHECK(own.visibility == "public");
    CHECK(own.tags == std::set<std::string>{"z"});
    CHECK(own.properties == std::map<std::string, std::string>{{"a", "1"}, {"b", "3"}, {"c", "4"}});
    CHECK(own.lifecycle.prevent_destroy);
    CHECK(own.lifecycle.ignore_changes == std::vector<std::string>{"tags"});
    CHECK(own.pos("properties.a") == SourcePos{"m.yaml", 7, 16});
    CHECK(own.pos("properties.b") == SourcePos{"m.yaml", 13, 18});
    CHECK(own.field_pos.count("tags.x") == 0);

    const DesiredImage& inherits = image(loaded.state, "s", "inherits");
    CHECK(inherits.visibility == "community");
    CHECK(inherits.tags == std::set<std::string>{"x", "y"});
    CHECK(inherits.properties == std::map<std::string, std::string>{{"a", "1"}, {"b", "2"}});
    CHECK(inherits.lifecycle == Lifecycle{true, {"name"}});
    CHECK(inherits.pos("tags.y") == SourcePos{"m.yaml", 6, 13});
    CHECK(inherits.where == SourcePos{"m.yaml", 15, 5});
  }

  TEST_CASE("loader: several documents per file; a set may span documents") {
    auto loaded = load_text(R"(apiVersion: glancer/v1
kind: ImageSet
metadata: {name: a}
images:
  - name: one
---
# only a comment: an empty document is skipped
---
apiVersion: glancer/v1
kind: ImageSet
metadata: {name: b}
images:
  - name: one
---
apiVersion: glancer/v1
kind: ImageSet
metadata: {name: a}
images:
  - name: two
)");
    CHECK(messages(loaded.diags).empty());
    CHECK(set_names(loaded.state) == std::vector<std::string>{"a", "b"});
    REQUIRE(loaded.state.images.size() == 3);
    CHECK(loaded.state.images[0].set == "a");
    CHECK(loaded.state.images[1].set == "b");  // keys are unique per set only
    CHECK(loaded.state.images[1].key == "one");
    CHECK(loaded.state.images[2].set == "a");
    CHECK(loaded.state.images[2].where == SourcePos{"m.yaml", 19, 5});
  }

  TEST_CASE("loader: a directory loads its *.yaml and *.yml files sorted, skipping hidden ones") {
    CurrentDir cwd(manifest_data());
    Diagnostics diags;
    DesiredState state = load_manifests({"tree"}, diags);
    CHECK(messages(diags).empty());
    CHECK(set_names(state) == std::vector<std::string>{"tree", "other"});
    REQUIRE(state.images.size() == 3);
    CHECK(state.images[0].key == "alpha");
    CHECK(state.images[0].where == SourcePos{"tree/a.yaml", 5, 5});  // relative stays relative
    REQUIRE(state.images[0].source.has_value());
    // Relative to the manifest's folder, stored absolute and normal.
    CHECK(state.images[0].source->file == manifest_data() / "images" / "cirros.img");
    CHECK(state.images[1].key == "beta");
    CHECK(state.images[1].where == SourcePos{"tree/sub/b.yml", 5, 5});
    CHECK(state.images[2].key == "gamma");
    CHECK(state.images[2].set == "other");
  }

  TEST_CASE("loader: a file reached twice is read once") {
    CurrentDir cwd(manifest_data());
    Diagnostics diags;
    DesiredState state = load_manifests({"tree/a.yaml", "tree", "./tree/a.yaml"}, diags);
    CHECK(messages(diags).empty());
    CHECK(state.images.size() == 3);
    CHECK(state.images[0].where.file == "tree/a.yaml");
  }

  TEST_CASE("loader: source files resolve against the manifest's folder, absolute and normal") {
    std::string abs = (manifest_data() / "images" / "cirros.img").string();
    auto loaded = load_text(manifest(R"(  - name: relative
    source: {file: ./images/../images/cirros.img}
  - name: absolute
    source: {file: ")" + abs + R"("}
)"));
    CHECK(messages(loaded.diags).empty());
    CHECK(image(loaded.state, "s", "relative").source->file == abs);
    CHECK(image(loaded.state, "s", "absolute").source->file == abs);

    // A relative base directory is taken against the current directory.
    CurrentDir cwd(manifest_data());
    Diagnostics diags;
    DesiredState state = load_manifest_text(
        manifest("  - name: x\n    source: {file: cirros.img}\n"), "m.yaml", "images", diags);
    CHECK(messages(diags).empty());
    REQUIRE(state.images.size() == 1);
    CHECK(state.images[0].source->file == abs);
  }

  TEST_CASE("loader: plain scalars that are strings in YAML 1.2 need no quotes") {
    auto loaded = load_text(manifest(R"(  - name: Ubuntu 22.04 LTS
    properties: {hw_qemu_guest_agent: yes, os_version: 22.04-lts, note: "", x: '5'}
    tags: [jammy, "2204"]
  - name: "007"
)"));
    CHECK(messages(loaded.diags).empty());
    const DesiredImage& u = image(loaded.state, "s", "Ubuntu 22.04 LTS");
    CHECK(u.properties.at("hw_qemu_guest_agent") == "yes");
    CHECK(u.properties.at("os_version") == "22.04-lts");
    CHECK(u.properties.at("note").empty());
    CHECK(u.properties.at("x") == "5");
    CHECK(u.tags.count("2204") == 1);
    CHECK(loaded.state.find("s", "007") != nullptr);
  }

  TEST_CASE("loader: empty input, empty documents and a set without images load nothing") {
    CHECK(messages(load_text("").diags).empty());
    CHECK(messages(load_text("---\n# nothing\n---\n").diags).empty());
    auto loaded = load_text("apiVersion: glancer/v1\nkind: ImageSet\nmetadata: {name: empty}\n");
    CHECK(messages(loaded.diags).empty());
    CHECK(loaded.state.has_set("empty"));
    CHECK(loaded.state.images.empty());
    Diagnostics diags;
    CHECK(load_manifests({}, diags).sets.empty());
    CHECK(diags.empty());
  }

}  // TEST_SUITE
