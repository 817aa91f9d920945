// Glance's vocabulary (glance/vocabulary.h) against every other place that states it: the
// manifest JSON Schema (schemas/glancer.schema.json) and the API schemas glancer serve sends.
// A change to one without the other fails here.

#include "glance/vocabulary.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "manifest/image_fields.h"
#include "manifest/property_rules.h"
#include "server/schemas.h"
#include "support/test_data.h"

using nlohmann::json;
using namespace glancer;

namespace {

// schemas/glancer.schema.json of this source tree (tests/data is test_data_dir()).
json manifest_schema() {
  auto path = glancer::testing::test_data_dir().parent_path().parent_path() / "schemas" /
              "glancer.schema.json";
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in);
  std::stringstream text;
  text << in.rdbuf();
  return json::parse(text.str());
}

template <size_t N>
json array_of(const std::array<std::string_view, N>& values) {
  json out = json::array();
  for (std::string_view v : values) out.push_back(v);
  return out;
}

template <size_t N>
std::set<std::string> set_of(const std::array<std::string_view, N>& values) {
  return {values.begin(), values.end()};
}

std::set<std::string> strings_of(const json& array) {
  std::set<std::string> out;
  for (const json& v : array)
    if (v.is_string()) out.insert(v.get<std::string>());
  return out;
}

// The alternatives of a pattern written "^(a|b|c)$", unescaped.
std::set<std::string> alternatives(std::string pattern) {
  REQUIRE(pattern.starts_with("^("));
  REQUIRE(pattern.ends_with(")$"));
  pattern = pattern.substr(2, pattern.size() - 4);
  std::set<std::string> out;
  std::string item;
  for (size_t i = 0; i <= pattern.size(); ++i) {
    if (i == pattern.size() || pattern[i] == '|') {
      out.insert(item);
      item.clear();
    } else if (pattern[i] == '\\' && i + 1 < pattern.size()) {
      item += pattern[++i];
    } else {
      item += pattern[i];
    }
  }
  return out;
}

}  // namespace

TEST_SUITE("glance") {
  TEST_CASE("vocabulary: the manifest schema's enums are Glance's, in the same order") {
    const json defs = manifest_schema()["definitions"];
    CHECK(defs["disk_format"]["enum"] == array_of(vocab::k_disk_formats));
    CHECK(defs["container_format"]["enum"] == array_of(vocab::k_container_formats));
    CHECK(defs["visibility"]["enum"] == array_of(vocab::k_visibilities));
    CHECK(defs["status"]["enum"] == array_of(vocab::k_settable_statuses));
  }

  TEST_CASE("vocabulary: the manifest schema's limits are Glance's") {
    const json schema = manifest_schema();
    const json& defs = schema["definitions"];
    CHECK(defs["name_like"]["maxLength"] == vocab::k_max_string_length);
    CHECK(defs["image"]["properties"]["name"]["maxLength"] == vocab::k_max_string_length);
    CHECK(defs["image"]["properties"]["key"]["maxLength"] == manifest::k_max_name_length);
    CHECK(schema["properties"]["metadata"]["properties"]["name"]["maxLength"] ==
          manifest::k_max_name_length);
    CHECK(defs["tags"]["items"]["$ref"] == "#/definitions/name_like");
    CHECK(defs["members"]["items"]["$ref"] == "#/definitions/name_like");
    CHECK(defs["tags"]["maxItems"] == vocab::k_max_tags);
    CHECK(defs["members"]["maxItems"] == vocab::k_max_members);
    CHECK(defs["properties"]["maxProperties"] ==
          vocab::k_max_properties - manifest::k_label_properties);
    CHECK(defs["properties"]["additionalProperties"]["maxLength"] == vocab::k_max_property_value);
    CHECK(defs["min_disk"]["maximum"] == vocab::k_max_min_size);
    CHECK(defs["min_ram"]["maximum"] == vocab::k_max_min_size);
  }

  TEST_CASE("vocabulary: the manifest schema refuses the property names the manifest refuses") {
    const json patterns = manifest_schema()["definitions"]["properties"]["patternProperties"];
    REQUIRE(patterns.size() == 2);
    std::vector<std::string> keys;
    for (const auto& [pattern, value] : patterns.items()) {
      CHECK(value == false);
      keys.push_back(pattern);
    }
    // Prefixes: glancer's labels and Glance's reserved namespace.
    CHECK(keys[0] == "^(glancer\\.|os_glance)");
    CHECK(keys[0].ends_with("|" + std::string(vocab::k_reserved_prefix) + ")"));
    // Names: Glance's attributes, all but `location` (property_rules.cpp says why).
    std::set<std::string> refused;
    for (const vocab::Attribute& a : vocab::k_image_attributes)
      if (manifest::is_refused_attribute(a.name)) refused.insert(std::string(a.name));
    CHECK(alternatives(keys[1]) == refused);
    CHECK(refused.size() == vocab::k_image_attributes.size() - 1);
    CHECK_FALSE(refused.count("location"));
  }

  TEST_CASE("vocabulary: glancer serve's schema documents state the same enums and limits") {
    auto image = schema_document("image");
    REQUIRE(image);
    const json& p = (*image)["properties"];
    json disk = json::array({nullptr}), container = json::array({nullptr});
    for (auto v : vocab::k_disk_formats) disk.push_back(v);
    for (auto v : vocab::k_container_formats) container.push_back(v);
    CHECK(p["disk_format"]["enum"] == disk);
    CHECK(p["container_format"]["enum"] == container);
    CHECK(strings_of(p["visibility"]["enum"]) == set_of(vocab::k_visibilities));
    CHECK(p["visibility"]["enum"][0] == "community");  // Glance's own document order
    CHECK(p["status"]["enum"] == array_of(vocab::k_image_statuses));
    CHECK(p["name"]["maxLength"] == vocab::k_max_string_length);
    CHECK(p["owner"]["maxLength"] == vocab::k_max_string_length);
    CHECK(p["tags"]["items"]["maxLength"] == vocab::k_max_string_length);
    // Every attribute but the reserved ones is in the document.
    for (const vocab::Attribute& a : vocab::k_image_attributes) {
      CAPTURE(a.name);
      CHECK(p.contains(a.name) == (a.kind != vocab::KeyKind::reserved));
    }
    auto member = schema_document("member");
    REQUIRE(member);
    CHECK((*member)["properties"]["status"]["enum"] == array_of(vocab::k_member_statuses));
  }

  TEST_CASE("vocabulary: keys are classified as Glance classifies them") {
    CHECK(vocab::classify_key("name") == vocab::KeyKind::writable);
    CHECK(vocab::classify_key("os_hidden") == vocab::KeyKind::writable);
    CHECK(vocab::classify_key("owner") == vocab::KeyKind::admin);
    CHECK(vocab::classify_key("id") == vocab::KeyKind::read_only);
    CHECK(vocab::classify_key("stores") == vocab::KeyKind::read_only);
    CHECK(vocab::classify_key("location") == vocab::KeyKind::reserved);
    CHECK(vocab::classify_key("deleted_at") == vocab::KeyKind::reserved);
    CHECK(vocab::classify_key("os_glance_import_task") == vocab::KeyKind::reserved);
    CHECK(vocab::classify_key("os_glancefoo") == vocab::KeyKind::reserved);
    CHECK(vocab::classify_key("os_distro") == vocab::KeyKind::custom);
    CHECK(vocab::classify_key("") == vocab::KeyKind::custom);
    std::set<std::string_view> names;
    for (const vocab::Attribute& a : vocab::k_image_attributes) {
      CHECK(a.kind != vocab::KeyKind::custom);
      CHECK(names.insert(a.name).second);  // no attribute twice
    }
  }

  TEST_CASE("vocabulary: the enum predicates accept exactly the listed values") {
    for (auto v : vocab::k_disk_formats) CHECK(vocab::is_disk_format(v));
    for (auto v : vocab::k_container_formats) CHECK(vocab::is_container_format(v));
    for (auto v : vocab::k_visibilities) CHECK(vocab::is_visibility(v));
    for (auto v : vocab::k_member_statuses) CHECK(vocab::is_member_status(v));
    CHECK_FALSE(vocab::is_disk_format("bare"));
    CHECK_FALSE(vocab::is_disk_format("QCOW2"));
    CHECK_FALSE(vocab::is_container_format("qcow2"));
    CHECK_FALSE(vocab::is_visibility("all"));
    CHECK_FALSE(vocab::is_member_status("all"));
  }
}
