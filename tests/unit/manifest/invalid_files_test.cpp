// The invalid manifests of tests/data/manifest/invalid/: each gets exactly the located messages
// listed here, and the JSON Schema agrees with the hand-written checks about it.

#include <doctest/doctest.h>

#include <fstream>
#include <set>
#include <sstream>

#include "manifest/loader.h"
#include "manifest/schema.h"
#include "manifest/yaml_json.h"
#include "manifest_test_util.h"

using namespace glancer;
using namespace glancer::test;

namespace {

// What the JSON Schema says about a case: structural problems it rejects too; problems that
// need more than one document (references, files on disk, keys across images) it cannot see.
enum class Schema { rejects, accepts, unparsable };

struct Case {
  const char* file;                   ///< tests/data/manifest/invalid/<file>.yaml
  std::vector<std::string> expected;  ///< "line:col: message"; {data} = tests/data/manifest
  Schema schema;
};

const std::vector<Case> k_cases = {
    {"api-version",
     {"1:13: unsupported apiVersion `glancer/v2` (expected `glancer/v1`)"},
     Schema::rejects},
    {"checksum-algorithm",
     {"9:17: unknown checksum algorithm `crc32` (use md5, sha1, sha256 or sha512)"},
     Schema::rejects},
    {"checksum-length",
     {"9:17: sha256 checksum must be 64 hex digits, got `abc`"},
     Schema::rejects},
    {"checksum-url-file", {"9:7: `checksum_url` needs a `url` source"}, Schema::rejects},
    {"container-format-enum",
     {"7:23: `container_format` must be one of: ami, ari, aki, bare, ovf, ova, docker, compressed; "
      "got `docker-image`"},
     Schema::rejects},
    {"defaults-name",
     {"5:3: `name` cannot be set in `defaults`; set it on each image"},
     Schema::rejects},
    {"disk-format-enum",
     {"7:18: `disk_format` must be one of: ami, ari, aki, vhd, vhdx, vmdk, raw, qcow2, vdi, iso, "
      "ploop; got `qcow`; did you mean `qcow2`?"},
     Schema::rejects},
    {"duplicate-field", {"8:5: duplicate field `min_ram` (first at 7:5)"}, Schema::accepts},
    {"duplicate-key",
     {"8:5: duplicate image key `cirros` (first defined at invalid/duplicate-key.yaml:6:5)"},
     Schema::accepts},
    {"duplicate-tag", {"7:25: duplicate tag `lts`"}, Schema::rejects},
    {"empty-name", {"6:11: `name` must not be empty"}, Schema::rejects},
    {"ignore-changes-unknown",
     {"8:24: unknown attribute `visiblity` in `ignore_changes`; did you mean `visibility`?"},
     Schema::rejects},
    {"image-not-mapping", {"6:5: each entry of `images` must be a mapping"}, Schema::rejects},
    {"images-not-list", {"4:9: `images` must be a list of images"}, Schema::rejects},
    {"kind", {"2:7: unsupported kind `Image` (expected `ImageSet`)"}, Schema::rejects},
    {"members-not-shared",
     {"8:5: `members` requires `visibility: shared` (image `x` is private)"},
     Schema::accepts},
    {"method-enum",
     {"9:15: `method` must be one of: upload, web-download; got `web_download`; did you mean "
      "`web-download`?"},
     Schema::rejects},
    {"min-disk-negative", {"7:15: `min_disk` must be a non-negative integer"}, Schema::rejects},
    {"min-ram-not-integer", {"7:14: `min_ram` must be a non-negative integer"}, Schema::rejects},
    {"min-ram-too-large", {"7:14: `min_ram` must be at most 2147483647"}, Schema::rejects},
    {"missing-api-version",
     {"1:1: missing required field `apiVersion` (use `apiVersion: glancer/v1`)"},
     Schema::rejects},
    {"missing-name", {"6:5: missing required field `name`"}, Schema::rejects},
    {"name-collision",
     {"9:5: image name `Ubuntu` is already used by image `a` of set `s` (at "
      "invalid/name-collision.yaml:7:5); names must be unique within a set"},
     Schema::accepts},
    {"name-number", {"6:11: `name` must be a string; quote it: \"2004\""}, Schema::rejects},
    {"name-too-long", {"6:11: `name` must be at most 255 characters (has 256)"}, Schema::rejects},
    {"properties-not-mapping", {"7:17: `properties` must be a mapping"}, Schema::rejects},
    {"property-unquoted-bool",
     {"8:34: property `hw_vif_multiqueue_enabled` must be a string; quote it: \"true\""},
     Schema::rejects},
    {"property-unquoted-number",
     {"8:19: property `os_version` must be a string; quote it: \"20.04\""},
     Schema::rejects},
    {"property-value-too-long",
     {"8:13: property `note` is longer than 65535 bytes"},
     Schema::rejects},
    {"protected-yes", {"7:16: `protected` must be true or false"}, Schema::rejects},
    {"reference-ambiguous",
     {"18:18: property `kernel_id` references image `kernel`, which several loaded sets have; "
      "write `${image.one/kernel.id}` or `${image.two/kernel.id}`"},
     Schema::accepts},
    {"reference-cycle", {"14:18: reference cycle: a -> b -> c -> a"}, Schema::accepts},
    {"reference-malformed",
     {"8:18: property `kernel_id` has a malformed reference `${image.kernel}`; write "
      "`${image.KEY.id}` or `${image.SET/KEY.id}`"},
     Schema::accepts},
    {"reference-self",
     {"9:7: property `kernel_id` of image `ubuntu` references the image itself"},
     Schema::accepts},
    {"reference-unknown",
     {"13:7: property `kernel_id` references unknown image `ubuntu-kernal`; did you mean "
      "`ubuntu-kernel`?"},
     Schema::accepts},
    {"reference-unknown-set",
     {"7:18: property `kernel_id` references image `vmlinuz` of set `kernels`, which is not "
      "loaded"},
     Schema::accepts},
    {"reserved-glance-attribute",
     {"8:7: property `os_hidden` is reserved by Glance; use the image field `hidden`"},
     Schema::rejects},
    {"reserved-glancer-label",
     {"8:7: property `glancer.key` is reserved: ownership labels are managed by glancer"},
     Schema::rejects},
    {"reserved-os-glance",
     {"8:7: property `os_glance_import_method` is reserved by Glance"},
     Schema::rejects},
    {"retire-enum",
     {"7:33: `retire` must be one of: delete, deactivate, hide; got `archive`"},
     Schema::rejects},
    {"set-name",
     {"3:18: set name `my set` must be 1 to 255 characters of A-Z a-z 0-9 . _ -"},
     Schema::rejects},
    {"several-problems",
     {"7:14: `min_ram` must be a non-negative integer",
      "8:5: unknown field `nmae`; did you mean `name`?", "8:5: missing required field `name`",
      "10:12: each entry of `tags` must be a string; quote it: \"1\""},
     Schema::rejects},
    {"source-empty", {"7:5: `source` needs `file` or `url`"}, Schema::rejects},
    {"source-file-and-url",
     {"9:7: `source` has both `file` and `url`; give exactly one"},
     Schema::rejects},
    {"source-file-missing",
     {"8:7: source file `../images/missing.img` not found (looked for {data}/images/missing.img)"},
     Schema::accepts},
    {"source-not-mapping", {"7:13: `source` must be a mapping"}, Schema::rejects},
    {"status-enum",
     {"7:13: `status` must be one of: active, deactivated; got `killed`"},
     Schema::rejects},
    {"tags-not-list", {"7:11: `tags` must be a list of strings"}, Schema::rejects},
    {"too-many-properties",
     {"7:5: image `x` has 125 properties; at most 123 fit (Glance allows 128, glancer needs 5 for "
      "its labels)"},
     Schema::rejects},
    {"too-many-tags", {"7:11: `tags` has 129 entries; Glance allows at most 128"}, Schema::rejects},
    {"unknown-field-suggestion",
     {"7:5: unknown field `visiblity`; did you mean `visibility`?"},
     Schema::rejects},
    {"unknown-lifecycle-field",
     {"8:7: unknown field `prevent_destory`; did you mean `prevent_destroy`?"},
     Schema::rejects},
    {"unknown-metadata-field", {"5:3: unknown field `labels`"}, Schema::rejects},
    {"unknown-rotation-field",
     {"8:7: unknown field `kepp`; did you mean `keep`?"},
     Schema::rejects},
    {"unknown-source-field",
     {"9:7: unknown field `checksun`; did you mean `checksum`?"},
     Schema::rejects},
    {"unknown-top-level-field",
     {"4:1: unknown field `image`; did you mean `images`?"},
     Schema::rejects},
    {"url-scheme",
     {"8:12: `url` must be an http:// or https:// URL; got `ftp://example.org/x.img`"},
     Schema::rejects},
    {"visibility-enum",
     {"7:17: `visibility` must be one of: public, private, shared, community; got `everyone`"},
     Schema::rejects},
    {"web-download-file", {"9:15: `method: web-download` needs a `url` source"}, Schema::rejects},
    {"yaml-syntax",
     {"8:1: YAML syntax error: did not find expected ',' or ']' (while parsing a flow sequence "
      "started at 7:11)"},
     Schema::unparsable},
};

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
    s.replace(at, from.size(), to);
  return s;
}

// True if the schema rejects some document of `file`.
bool schema_rejects(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  bool rejected = false;
  manifest::YamlStream yaml;
  REQUIRE_FALSE(manifest::parse_yaml(text.str(), 100000, yaml));
  for (const manifest::YamlNode* doc : yaml.documents) {
    auto json = manifest::yaml_to_json(*doc, "x", 100000);
    REQUIRE(json.has_value());
    rejected = rejected || !schema_problems(json->value).empty();
  }
  return rejected;
}

}  // namespace

TEST_SUITE("manifest") {
  TEST_CASE("invalid files: each gets exactly its located messages") {
    CurrentDir cwd(manifest_data());
    for (const Case& c : k_cases) {
      CAPTURE(c.file);
      std::string path = std::string("invalid/") + c.file + ".yaml";
      Diagnostics diags;
      load_manifests({path}, diags);
      std::vector<std::string> expected;
      for (const std::string& e : c.expected)
        expected.push_back(
            path + ":" +
            replace_all(e, "{data}", manifest_data().string()).insert(e.find(": ") + 1, " error:"));
      CHECK(messages(diags) == expected);
    }
  }

  TEST_CASE("invalid files: every file has a case, and there are at least 40") {
    std::set<std::string> listed;
    for (const Case& c : k_cases) listed.insert(c.file);
    std::set<std::string> present;
    for (const auto& entry : std::filesystem::directory_iterator(manifest_data() / "invalid"))
      present.insert(entry.path().stem().string());
    CHECK(listed == present);
    CHECK(listed.size() >= 40);
  }

  TEST_CASE("invalid files: the JSON Schema agrees with the hand-written checks") {
    for (const Case& c : k_cases) {
      if (c.schema == Schema::unparsable) continue;
      CAPTURE(c.file);
      CHECK(schema_rejects(manifest_data() / "invalid" / (std::string(c.file) + ".yaml")) ==
            (c.schema == Schema::rejects));
    }
  }
}  // TEST_SUITE
