#pragma once
// Helpers shared by the manifest tests: load inline YAML, list diagnostics as strings.

#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "core/diagnostics.h"
#include "manifest/loader.h"
#include "support/doctest_strings.h"
#include "support/test_data.h"

namespace glancer::test {

/// tests/data/manifest, absolute.
inline std::filesystem::path manifest_data() {
  return glancer::testing::test_data_dir() / "manifest";
}

/// Changes the working directory for a scope, so tests can pass relative paths.
class CurrentDir {
 public:
  explicit CurrentDir(const std::filesystem::path& dir) : m_saved(std::filesystem::current_path()) {
    std::filesystem::current_path(dir);
  }
  ~CurrentDir() { std::filesystem::current_path(m_saved); }
  CurrentDir(const CurrentDir&) = delete;
  CurrentDir& operator=(const CurrentDir&) = delete;

 private:
  std::filesystem::path m_saved;
};

struct Loaded {
  DesiredState state;
  Diagnostics diags;
};

/// Loads `yaml` as the file "m.yaml" in tests/data/manifest.
inline Loaded load_text(const std::string& yaml) {
  Loaded out;
  out.state = load_manifest_text(yaml, "m.yaml", manifest_data(), out.diags);
  return out;
}

/// Every diagnostic as "file:line:col: error: message", sorted by position.
inline std::vector<std::string> messages(const Diagnostics& diags) {
  std::vector<std::string> out;
  for (const Diagnostic& d : diags.sorted()) out.push_back(d.to_string());
  return out;
}

/// The diagnostics of loading `yaml` (see load_text).
inline std::vector<std::string> errors_of(const std::string& yaml) {
  return messages(load_text(yaml).diags);
}

/// The header every valid document starts with, then `images:` with `body` below it.
inline std::string manifest(const std::string& body) {
  return "apiVersion: glancer/v1\nkind: ImageSet\nmetadata:\n  name: s\nimages:\n" + body;
}

}  // namespace glancer::test
