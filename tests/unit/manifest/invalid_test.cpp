// Invalid manifests: each problem reported with its exact message and position, all of them.

#include <doctest/doctest.h>

#include <fstream>

#include "manifest/loader.h"
#include "manifest_test_util.h"

using namespace glancer;
using namespace glancer::test;

using Messages = std::vector<std::string>;

TEST_SUITE("manifest") {
  TEST_CASE("invalid: an unknown field is named, with a suggestion when one is close") {
    CHECK(errors_of(manifest("  - name: x\n    visiblity: public\n    colour: red\n")) ==
          Messages{"m.yaml:7:5: error: unknown field `visiblity`; did you mean `visibility`?",
                   "m.yaml:8:5: error: unknown field `colour`"});
    CHECK(
        errors_of(manifest("  - name: x\n    source: {file: images/cirros.img, checksun: x}\n")) ==
        Messages{"m.yaml:7:39: error: unknown field `checksun`; did you mean `checksum`?"});
    CHECK(errors_of("apiVersion: glancer/v1\nkind: ImageSet\nmetadata: {name: s}\nimage: []\n") ==
          Messages{"m.yaml:4:1: error: unknown field `image`; did you mean `images`?"});
  }

  TEST_CASE("invalid: wrong types name the field") {
    CHECK(errors_of(manifest(R"(  - name: x
    min_ram: lots
    min_disk: -1
    protected: yes
    hidden: "true"
    tags: ubuntu
    properties: [a, b]
    source: images/cirros.img
)")) == Messages{"m.yaml:7:14: error: `min_ram` must be a non-negative integer",
                 "m.yaml:8:15: error: `min_disk` must be a non-negative integer",
                 "m.yaml:9:16: error: `protected` must be true or false",
                 "m.yaml:10:13: error: `hidden` must be true or false",
                 "m.yaml:11:11: error: `tags` must be a list of strings",
                 "m.yaml:12:17: error: `properties` must be a mapping",
                 "m.yaml:13:13: error: `source` must be a mapping"});
    CHECK(errors_of(manifest("  - name: x\n    min_ram: 99999999999\n")) ==
          Messages{"m.yaml:7:14: error: `min_ram` must be at most 2147483647"});
    CHECK(errors_of(manifest("  - name: 2004\n")) ==
          Messages{"m.yaml:6:11: error: `name` must be a string; quote it: \"2004\""});
  }

  TEST_CASE("invalid: a value outside its enumeration lists the choices") {
    CHECK(errors_of(manifest("  - name: x\n    disk_format: qcow\n")) ==
          Messages{"m.yaml:7:18: error: `disk_format` must be one of: ami, ari, aki, vhd, vhdx, "
                   "vmdk, raw, qcow2, vdi, iso, ploop; got `qcow`; did you mean `qcow2`?"});
    CHECK(
        errors_of(manifest("  - name: x\n    visibility: everyone\n    status: killed\n")) ==
        Messages{"m.yaml:7:17: error: `visibility` must be one of: public, private, shared, "
                 "community; got `everyone`",
                 "m.yaml:8:13: error: `status` must be one of: active, deactivated; got `killed`"});
    CHECK(errors_of(manifest("  - name: x\n    rotation: {keep: 2, retire: archive}\n")) ==
          Messages{"m.yaml:7:33: error: `retire` must be one of: delete, deactivate, hide; got "
                   "`archive`"});
  }

  TEST_CASE("invalid: an image without a name is reported at the image") {
    CHECK(errors_of(manifest("  - key: k\n    min_disk: 1\n")) ==
          Messages{"m.yaml:6:5: error: missing required field `name`"});
    CHECK(errors_of(manifest("  - name: \"\"\n  - name:\n")) ==
          Messages{"m.yaml:6:11: error: `name` must not be empty",
                   "m.yaml:7:5: error: `name` must be a string"});
    CHECK(errors_of(manifest("  - name: " + std::string(256, 'n') + "\n")) ==
          Messages{"m.yaml:6:11: error: `name` must be at most 255 characters (has 256)"});
  }

  TEST_CASE("invalid: a duplicate key across two files names both places") {
    CurrentDir cwd(manifest_data());
    Diagnostics diags;
    DesiredState state = load_manifests({"dup"}, diags);
    CHECK(messages(diags) ==
          Messages{"dup/second.yaml:7:5: error: duplicate image key `cirros` (first defined at "
                   "dup/first.yaml:6:5)"});
    CHECK(state.images.size() == 2);  // the first cirros and Debian 12
    CHECK(state.find("catalogue", "cirros")->name == "CirrOS 0.6");
  }

  TEST_CASE("invalid: a duplicate key defaulted from the name points at the name") {
    CHECK(
        errors_of(manifest("  - name: cirros\n  - key: cirros\n    name: CirrOS\n")) ==
        Messages{"m.yaml:7:5: error: duplicate image key `cirros` (first defined at m.yaml:6:5)"});
  }

  TEST_CASE("invalid: unquoted numbers and booleans in properties must be quoted") {
    CHECK(
        errors_of(manifest(
            "  - name: x\n    properties:\n      os_version: 20.04\n      hw_vif_multiqueue: true\n"
            "      min_vcpus: 2\n      empty:\n")) ==
        Messages{"m.yaml:8:19: error: property `os_version` must be a string; quote it: \"20.04\"",
                 "m.yaml:9:26: error: property `hw_vif_multiqueue` must be a string; quote it: "
                 "\"true\"",
                 "m.yaml:10:18: error: property `min_vcpus` must be a string; quote it: \"2\"",
                 "m.yaml:11:7: error: property `empty` must be a string"});
  }

  TEST_CASE("invalid: members need visibility shared") {
    CHECK(errors_of(manifest("  - name: x\n    members: [0f3c2d1e9a8b4c7d6e5f4a3b2c1d0e9f]\n")) ==
          Messages{
              "m.yaml:7:5: error: `members` requires `visibility: shared` (image `x` is private)"});
    // From defaults too, reported where the members are written, once per image.
    CHECK(
        errors_of("apiVersion: glancer/v1\nkind: ImageSet\nmetadata: {name: s}\n"
                  "defaults: {members: [0f3c2d1e-9a8b-4c7d-6e5f-4a3b2c1d0e9f]}\nimages:\n"
                  "  - name: a\n  - name: b\n"
                  "    visibility: shared\n") ==
        Messages{
            "m.yaml:4:12: error: `members` requires `visibility: shared` (image `a` is private)"});
  }

  TEST_CASE("invalid: members that are not project ids get a warning, located") {
    Loaded loaded = load_text(manifest(R"(  - name: x
    visibility: shared
    members:
      - 0F3C2D1E9A8B4C7D6E5F4A3B2C1D0E9F
      - 0f3c2d1e-9a8b-4c7d-6e5f-4a3b2c1d0e9f
      - research
      - 0f3c2d1e9a8b4c7d6e5f4a3b2c1d0e9
)"));
    CHECK_FALSE(loaded.diags.has_errors());
    CHECK(loaded.state.images.size() == 1);
    const std::string tail =
        "is not a project id (32 hex digits or a UUID): Glance would share the image with no "
        "project; use the project's id, not its name";
    CHECK(messages(loaded.diags) ==
          Messages{"m.yaml:11:9: warning: member `research` " + tail,
                   "m.yaml:12:9: warning: member `0f3c2d1e9a8b4c7d6e5f4a3b2c1d0e9` " + tail});
  }

  TEST_CASE("invalid: a source has exactly one of file and url") {
    CHECK(errors_of(manifest("  - name: x\n    source:\n      file: images/cirros.img\n      url: "
                             "https://x/y.img\n")) ==
          Messages{"m.yaml:9:7: error: `source` has both `file` and `url`; give exactly one"});
    CHECK(errors_of(manifest("  - name: x\n    source:\n      version: \"1\"\n")) ==
          Messages{"m.yaml:7:5: error: `source` needs `file` or `url`"});
    CHECK(errors_of(manifest("  - name: x\n    source:\n      file: images/cirros.img\n"
                             "      method: web-download\n")) ==
          Messages{"m.yaml:9:15: error: `method: web-download` needs a `url` source"});
  }

  TEST_CASE("invalid: checksums are ALGO:HEX with the algorithm's length") {
    CHECK(errors_of(manifest("  - name: x\n    source:\n      url: https://x/y.img\n"
                             "      checksum: sha256:abc\n")) ==
          Messages{"m.yaml:9:17: error: sha256 checksum must be 64 hex digits, got `abc`"});
    CHECK(errors_of(
              manifest("  - name: x\n    source: {url: https://x/y.img, checksum: crc32:00}\n")) ==
          Messages{"m.yaml:7:46: error: unknown checksum algorithm `crc32` (use md5, sha1, sha256 "
                   "or sha512)"});
  }

  TEST_CASE("invalid: a missing source file is reported at its file: field") {
    std::string looked = (manifest_data() / "images" / "missing.img").string();
    CHECK(errors_of(manifest("  - name: x\n    source:\n      file: images/missing.img\n")) ==
          Messages{"m.yaml:8:7: error: source file `images/missing.img` not found (looked for " +
                   looked + ")"});
    CHECK(errors_of(manifest("  - name: x\n    source: {file: images}\n")) ==
          Messages{"m.yaml:7:14: error: source file `images` is not a regular file"});
  }

  TEST_CASE("invalid: apiVersion and kind are required and fixed") {
    // Another apiVersion has another schema: nothing else in the document is checked.
    CHECK(errors_of("apiVersion: glancer/v2\nkind: ImageSet\nimages: [{nmae: x}]\n") ==
          Messages{
              "m.yaml:1:13: error: unsupported apiVersion `glancer/v2` (expected `glancer/v1`)"});
    CHECK(errors_of("apiVersion: glancer/v1\nkind: Image\n") ==
          Messages{"m.yaml:2:7: error: unsupported kind `Image` (expected `ImageSet`)"});
    CHECK(errors_of("kind: ImageSet\nmetadata: {name: s}\n") ==
          Messages{"m.yaml:1:1: error: missing required field `apiVersion` (use `apiVersion: "
                   "glancer/v1`)"});
    CHECK(errors_of("apiVersion: glancer/v1\nkind: ImageSet\nmetadata: {}\n") ==
          Messages{"m.yaml:3:1: error: missing required field `metadata.name`"});
    CHECK(errors_of("- a\n- b\n") ==
          Messages{"m.yaml:1:1: error: a manifest document must be a mapping with `apiVersion: "
                   "glancer/v1`"});
  }

  TEST_CASE("invalid: set names are limited to a safe alphabet") {
    CHECK(
        errors_of("apiVersion: glancer/v1\nkind: ImageSet\nmetadata: {name: my set}\n") ==
        Messages{"m.yaml:3:18: error: set name `my set` must be 1 to 255 characters of A-Z a-z 0-9 "
                 ". _ -"});
  }

  TEST_CASE("invalid: glancer.* and Glance's own names are reserved properties") {
    CHECK(errors_of(manifest(R"(  - name: x
    properties:
      glancer.set: other
      os_glance_import_method: web-download
      status: active
      owner: someone
)")) == Messages{"m.yaml:8:7: error: property `glancer.set` is reserved: ownership labels are "
                 "managed by glancer",
                 "m.yaml:9:7: error: property `os_glance_import_method` is reserved by Glance",
                 "m.yaml:10:7: error: property `status` is reserved by Glance; use the image "
                 "field `status`",
                 "m.yaml:11:7: error: property `owner` is reserved by Glance"});
  }

  TEST_CASE("invalid: YAML syntax errors carry the parser's position and context") {
    CHECK(errors_of(manifest("  - name: x\n    tags: [a, b\n")) ==
          Messages{"m.yaml:8:1: error: YAML syntax error: did not find expected ',' or ']' "
                   "(while parsing a flow sequence started at 7:11)"});
    CHECK(errors_of("apiVersion: glancer/v1\n  kind: ImageSet\n") ==
          Messages{"m.yaml:2:7: error: YAML syntax error: mapping values are not allowed in this "
                   "context"});
    CHECK(errors_of(manifest("  - name: x\n    tags: [*nowhere]\n")) ==
          Messages{"m.yaml:7:12: error: YAML syntax error: alias *nowhere names no complete "
                   "anchored node before it"});
  }

  TEST_CASE("invalid: files over 16 MiB are refused before parsing") {
    std::filesystem::path dir = std::filesystem::temp_directory_path() / "glancer-manifest-test";
    std::filesystem::create_directories(dir);
    std::filesystem::path big = dir / "big.yaml";
    { std::ofstream(big) << "apiVersion: glancer/v1\n"; }
    std::filesystem::resize_file(big, k_max_manifest_bytes + 1);  // sparse: costs no disk
    Diagnostics diags;
    load_manifests({big}, diags);
    std::filesystem::remove_all(dir);
    CHECK(messages(diags) == Messages{big.string() + ": error: file is larger than 16 MiB"});

    CHECK(errors_of(std::string(k_max_manifest_bytes + 1, '#')) ==
          Messages{"m.yaml: error: file is larger than 16 MiB"});
  }

  TEST_CASE("invalid: tags, members and ignore_changes entries are distinct") {
    CHECK(errors_of(manifest(R"(  - name: x
    visibility: shared
    tags: [lts, ubuntu, lts]
    members: [0f3c2d1e9a8b4c7d6e5f4a3b2c1d0e9f, 0f3c2d1e9a8b4c7d6e5f4a3b2c1d0e9f]
    lifecycle: {ignore_changes: [tags, tags]}
)")) == Messages{"m.yaml:8:25: error: duplicate tag `lts`",
                 "m.yaml:9:49: error: duplicate member `0f3c2d1e9a8b4c7d6e5f4a3b2c1d0e9f`",
                 "m.yaml:10:40: error: duplicate `ignore_changes` entry `tags`"});
  }

  TEST_CASE("invalid: ignore_changes names attributes the planner compares") {
    CHECK(errors_of(manifest("  - name: x\n    lifecycle:\n      ignore_changes: [visiblity, "
                             "properties, size]\n")) ==
          Messages{"m.yaml:8:24: error: unknown attribute `visiblity` in `ignore_changes`; did you "
                   "mean `visibility`?",
                   "m.yaml:8:35: error: `ignore_changes` takes single properties, e.g. "
                   "`properties.hw_disk_bus`",
                   "m.yaml:8:47: error: unknown attribute `size` in `ignore_changes`"});
  }

  TEST_CASE("invalid: defaults may not set key, name or source") {
    CHECK(
        errors_of("apiVersion: glancer/v1\nkind: ImageSet\nmetadata: {name: s}\n"
                  "defaults:\n  name: x\n  source: {file: images/cirros.img}\n") ==
        Messages{"m.yaml:5:3: error: `name` cannot be set in `defaults`; set it on each image",
                 "m.yaml:6:3: error: `source` cannot be set in `defaults`; set it on each image"});
  }

  TEST_CASE("invalid: a field given twice in one mapping") {
    CHECK(errors_of(manifest("  - name: x\n    min_ram: 1\n    min_ram: 2\n")) ==
          Messages{"m.yaml:8:5: error: duplicate field `min_ram` (first at 7:5)"});
  }

  TEST_CASE("invalid: every problem of every file is reported, not only the first") {
    CurrentDir cwd(manifest_data());
    Diagnostics diags;
    load_manifests({"nowhere", "dup", "tree"}, diags);
    CHECK(messages(diags) ==
          Messages{"dup/second.yaml:7:5: error: duplicate image key `cirros` (first defined at "
                   "dup/first.yaml:6:5)",
                   "nowhere: error: no such file or directory"});
    CHECK(errors_of(manifest("  - name: x\n    min_ram: -5\n  - nmae: y\n  - name: z\n"
                             "    tags: [1]\n")) ==
          Messages{"m.yaml:7:14: error: `min_ram` must be a non-negative integer",
                   "m.yaml:8:5: error: unknown field `nmae`; did you mean `name`?",
                   "m.yaml:8:5: error: missing required field `name`",
                   "m.yaml:10:12: error: each entry of `tags` must be a string; quote it: \"1\""});
  }

  TEST_CASE("invalid: hostile input is bounded, never a crash") {
    CHECK(errors_of("a: " + std::string(5000, '[') + std::string(5000, ']') + "\n") ==
          Messages{"m.yaml:1:259: error: YAML is nested too deeply"});

    std::string many = "[";
    for (size_t i = 0; i <= k_max_manifest_nodes; ++i) many += "1,";
    CHECK(errors_of(many + "1]\n") ==
          Messages{
              "m.yaml: error: file has more than 100000 YAML nodes; split it into several files"});

    // Aliases: 2000 images share one list of 120 tags (within Glance's 128): 240000 visits
    // from a small tree.
    std::string bomb = manifest("  - name: i0\n    tags: &t [");
    for (int i = 0; i < 119; ++i) bomb += "t" + std::to_string(i) + ",";
    bomb += "last]\n";
    for (int i = 1; i < 2000; ++i) bomb += "  - {name: i" + std::to_string(i) + ", tags: *t}\n";
    CHECK(errors_of(bomb) ==
          Messages{"m.yaml: error: the manifest expands to more than 200000 YAML "
                   "nodes through aliases; the rest was not checked"});

    std::string noisy = manifest("  - name: x\n");
    for (int i = 0; i < 150; ++i) noisy += "    f" + std::to_string(i) + ": 1\n";
    Messages all = errors_of(noisy);
    REQUIRE(all.size() == 101);
    CHECK(all.front() ==
          "m.yaml: error: too many errors (100); the rest of this file was not checked");
    CHECK(all.back() == "m.yaml:106:5: error: unknown field `f99`");
  }

}  // TEST_SUITE
