#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/diagnostics.h"
#include "manifest/loader.h"
#include "manifest/schema.h"
#include "manifest/yaml_json.h"
#include "support/test_data.h"

using namespace glancer;

namespace {
// The repository's examples/ folder (tests/data is test_data_dir()).
std::filesystem::path examples_dir() {
  return glancer::testing::test_data_dir().parent_path().parent_path() / "examples";
}
}  // namespace

TEST_SUITE("manifest") {
  TEST_CASE("examples: every example loads, and its JSON form validates against the schema") {
    size_t documents = 0;
    for (const auto& dir : std::filesystem::directory_iterator(examples_dir())) {
      if (!dir.is_directory()) continue;
      CAPTURE(dir.path().string());
      Diagnostics diags;
      DesiredState state = load_manifests({dir.path()}, diags);
      CHECK(diags.empty());
      CHECK_FALSE(state.images.empty());
      for (const auto& file : std::filesystem::recursive_directory_iterator(dir.path())) {
        if (file.path().extension() != ".yaml") continue;
        std::ifstream in(file.path());
        std::stringstream text;
        text << in.rdbuf();
        manifest::YamlStream yaml;
        REQUIRE_FALSE(manifest::parse_yaml(text.str(), 100000, yaml));
        for (const manifest::YamlNode* doc : yaml.documents) {
          auto json = manifest::yaml_to_json(*doc, file.path().string(), 100000);
          REQUIRE(json.has_value());
          CHECK(schema_problems(json->value).empty());
          ++documents;
        }
      }
    }
    CHECK(documents >= 4);  // quickstart, public-catalogue, shared-images, kernel-ramdisk
  }

}  // TEST_SUITE
