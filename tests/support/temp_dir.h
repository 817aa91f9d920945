#pragma once
/// A fresh temporary directory per test, and writing files into it.

#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <random>
#include <string>

namespace glancer::testing {

/// A fresh directory under the system temp dir, removed with everything in it.
class TempDir {
 public:
  /// Named "<prefix>-<random>-<random>".
  explicit TempDir(const std::string& prefix = "glancer-test") {
    std::random_device rd;
    m_path = std::filesystem::temp_directory_path() /
             (prefix + "-" + std::to_string(rd()) + "-" + std::to_string(rd()));
    std::filesystem::create_directories(m_path);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(m_path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return m_path; }
  /// A directory for an embedded store inside it ("store", not created).
  std::filesystem::path store() const { return m_path / "store"; }

 private:
  std::filesystem::path m_path;
};

/// Writes a file with the given content (creating its directory), failing the test on error.
inline void write_file(const std::filesystem::path& path, const std::string& content) {
  std::error_code ec;
  std::filesystem::create_directories(path.parent_path(), ec);
  std::FILE* f = std::fopen(path.c_str(), "wb");
  REQUIRE(f != nullptr);
  std::fwrite(content.data(), 1, content.size(), f);
  std::fclose(f);
}

}  // namespace glancer::testing
