// The embedded JSON Schema: the same text as schemas/, every example valid against it, schema
// problems located, and hostile input bounded.

#include "manifest/schema.h"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "manifest/image_fields.h"
#include "manifest/yaml_json.h"
#include "manifest_test_util.h"

using namespace glancer;
using namespace glancer::test;

using Messages = std::vector<std::string>;

namespace {

std::filesystem::path source_root() {
  return manifest_data().parent_path().parent_path().parent_path();
}

std::string read_all(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_SUITE("manifest") {
  TEST_CASE("schema: the embedded schema is schemas/glancer.schema.json") {
    CHECK(manifest_schema_text() == read_all(source_root() / "schemas" / "glancer.schema.json"));
    auto schema = nlohmann::json::parse(manifest_schema_text());
    CHECK(schema["definitions"]["disk_format"]["enum"].size() == 11);
    CHECK(schema["definitions"]["visibility"]["enum"].size() == 4);
    // The limits the hand-written checks enforce.
    CHECK(schema["definitions"]["properties"]["maxProperties"] ==
          glancer::vocab::k_max_properties - glancer::manifest::k_label_properties);
  }

  TEST_CASE("schema: every example loads cleanly and its JSON form validates") {
    size_t files = 0;
    for (const auto& entry :
         std::filesystem::recursive_directory_iterator(source_root() / "examples")) {
      if (entry.path().extension() != ".yaml") continue;
      CAPTURE(entry.path().string());
      ++files;
      Diagnostics diags;
      load_manifests({entry.path()}, diags);
      CHECK(messages(diags).empty());
      std::string text = read_all(entry.path());
      CHECK(text.starts_with("# yaml-language-server: $schema=../../schemas/glancer.schema.json"));
      glancer::manifest::YamlStream yaml;
      REQUIRE_FALSE(glancer::manifest::parse_yaml(text, 100000, yaml));
      for (const glancer::manifest::YamlNode* doc : yaml.documents) {
        auto json = glancer::manifest::yaml_to_json(*doc, "x", 100000);
        REQUIRE(json.has_value());
        CHECK(schema_problems(json->value).empty());
      }
    }
    CHECK(files >= 5);
  }

  TEST_CASE("schema: problems name the node; positions map back to the YAML") {
    glancer::manifest::YamlStream yaml;
    REQUIRE_FALSE(glancer::manifest::parse_yaml(
        "apiVersion: glancer/v1\nkind: ImageSet\nmetadata: {name: s}\n"
        "images:\n  - name: x\n    colour: red\n    min_ram: lots\n",
        1000, yaml));
    auto json = glancer::manifest::yaml_to_json(*yaml.documents.at(0), "m.yaml", 1000);
    REQUIRE(json.has_value());
    CHECK(json->positions.at("<root>[images][0][min_ram]") == SourcePos{"m.yaml", 7, 14});
    CHECK(json->positions.at("<root>[images][0][colour]#key") == SourcePos{"m.yaml", 6, 5});
    auto problems = schema_problems(json->value);
    REQUIRE(problems.size() == 2);
    CHECK(problems[0].path == "<root>[images][0][min_ram]");
    CHECK(problems[1].path == "<root>[images][0]");
    CHECK(problems[1].message.find("'colour'") != std::string::npos);
  }

  TEST_CASE("hostile: aliases that expand exponentially stay bounded in work") {
    // 10 levels of 10 aliases each: 10^10 nodes if expanded.
    std::string bomb =
        "apiVersion: glancer/v1\nkind: ImageSet\nmetadata: {name: s}\n"
        "defaults: {tags: &l0 [a, b, c, d, e, f, g, h, i, j]}\nimages:\n";
    std::string lists;
    for (int level = 1; level <= 10; ++level) {
      lists += "  - {name: n" + std::to_string(level) + ", tags: &l" + std::to_string(level) + " [";
      for (int i = 0; i < 10; ++i) lists += (i ? ", *l" : "*l") + std::to_string(level - 1);
      lists += "]}\n";
    }
    // Bounded by work, not time: the error cap stops the reader, the node budget the converter.
    Messages all = errors_of(bomb + lists);
    REQUIRE(all.size() == 101);  // stops at the error cap, never expands the aliases
    CHECK(all[0] == "m.yaml: error: too many errors (100); the rest of this file was not checked");
    CHECK(all[1] == "m.yaml:4:18: error: each entry of `tags` must be a string");  // the anchor

    glancer::manifest::YamlStream yaml;
    REQUIRE_FALSE(glancer::manifest::parse_yaml(bomb + lists, 1000, yaml));
    CHECK_FALSE(
        glancer::manifest::yaml_to_json(*yaml.documents.at(0), "m.yaml", 200000).has_value());
  }

  TEST_CASE("hostile: a document nested thousands deep is refused, not a crash") {
    std::string deep = test::manifest("  - name: x\n    properties: ");
    for (int i = 0; i < 3000; ++i) deep += "{a: ";
    deep += "b";
    for (int i = 0; i < 3000; ++i) deep += "}";
    Messages all = errors_of(deep + "\n");
    REQUIRE(all.size() == 1);
    CHECK(all[0].find("YAML is nested too deeply") != std::string::npos);
  }
}  // TEST_SUITE
