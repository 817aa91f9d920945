// Unrelated YAML beside the manifests: skipped with one note when a directory is scanned, an
// error when the file is named.

#include <doctest/doctest.h>

#include "manifest/loader.h"
#include "manifest_test_util.h"
#include "support/temp_dir.h"

using namespace glancer;
using namespace glancer::test;
using glancer::testing::TempDir;
using glancer::testing::write_file;

namespace {

const std::string k_clouds = "clouds:\n  prod:\n    auth: {auth_url: https://keystone}\n";
const std::string k_compose = "services:\n  web: {image: nginx}\n";

// A directory with one manifest (one image), a clouds.yaml and a docker-compose.yaml.
void write_repo(const std::filesystem::path& dir) {
  write_file(dir / "images.yaml", manifest("  - name: one\n"));
  write_file(dir / "clouds.yaml", k_clouds);
  write_file(dir / "ci" / "docker-compose.yaml", k_compose);
}

}  // namespace

TEST_SUITE("manifest") {
  TEST_CASE("unrelated yaml: a scanned directory skips it with one note naming every file") {
    TempDir tmp;
    write_repo(tmp.path() / "a");
    write_file(tmp.path() / "b" / "list.yml", "- just\n- a list\n");
    write_file(tmp.path() / "b" / "more.yaml", manifest("  - name: two\n"));
    CurrentDir cwd(tmp.path());
    Diagnostics diags;
    DesiredState state = load_manifests({"a", "b"}, diags);
    CHECK(state.images.size() == 2);
    CHECK_FALSE(diags.has_errors());
    CHECK(messages(diags) ==
          std::vector<std::string>{"note: skipped 3 YAML files without `apiVersion: glancer/…`: "
                                   "a/ci/docker-compose.yaml, a/clouds.yaml, b/list.yml"});
  }

  TEST_CASE("unrelated yaml: a file mixing documents names the skipped ones") {
    TempDir tmp;
    write_file(tmp.path() / "m" / "mixed.yaml",
               manifest("  - name: one\n") + "---\n" + k_compose + "---\n" + k_clouds);
    CurrentDir cwd(tmp.path());
    Diagnostics diags;
    DesiredState state = load_manifests({"m"}, diags);
    CHECK(state.images.size() == 1);
    CHECK(messages(diags) ==
          std::vector<std::string>{"note: skipped 1 YAML file without `apiVersion: glancer/…`: "
                                   "m/mixed.yaml (documents 2, 3)"});
  }

  TEST_CASE("unrelated yaml: another glancer apiVersion in a directory is reported, not skipped") {
    TempDir tmp;
    write_file(tmp.path() / "m" / "v9.yaml",
               "apiVersion: glancer/v9\nkind: ImageSet\nmetadata: {name: s}\n");
    CurrentDir cwd(tmp.path());
    Diagnostics diags;
    load_manifests({"m"}, diags);
    CHECK(
        messages(diags) ==
        std::vector<std::string>{
            "m/v9.yaml:1:13: error: unsupported apiVersion `glancer/v9` (expected `glancer/v1`)"});
  }

  TEST_CASE("unrelated yaml: a directory with no glancer document is an error") {
    TempDir tmp;
    write_file(tmp.path() / "ci" / "clouds.yaml", k_clouds);
    CurrentDir cwd(tmp.path());
    Diagnostics diags;
    DesiredState state = load_manifests({"ci"}, diags);
    CHECK(state.images.empty());
    CHECK(messages(diags) ==
          std::vector<std::string>{
              "note: skipped 1 YAML file without `apiVersion: glancer/…`: ci/clouds.yaml",
              "ci: error: no glancer manifests (documents with `apiVersion: glancer/…`) in this "
              "directory"});
  }

  TEST_CASE("unrelated yaml: a file named explicitly must be a manifest") {
    TempDir tmp;
    write_repo(tmp.path());
    CurrentDir cwd(tmp.path());
    Diagnostics diags;
    load_manifests({"images.yaml", "clouds.yaml"}, diags);
    CHECK(messages(diags) ==
          std::vector<std::string>{
              "clouds.yaml:1:1: error: unknown field `clouds`",
              "clouds.yaml:1:1: error: missing required field `apiVersion` (use `apiVersion: "
              "glancer/v1`)",
              "clouds.yaml:1:1: error: missing required field `kind` (use `kind: ImageSet`)",
              "clouds.yaml:1:1: error: missing required field `metadata`"});
  }
}
