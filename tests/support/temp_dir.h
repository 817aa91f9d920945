#pragma once
/// A temporary directory per test, removed with everything in it.

#include <filesystem>
#include <random>
#include <string>

namespace glancer::testing {

/// A fresh directory under the system temp dir, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    m_path = std::filesystem::temp_directory_path() /
             ("glancer-test-" + std::to_string(rd()) + "-" + std::to_string(rd()));
    std::filesystem::create_directories(m_path);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(m_path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return m_path; }
  /// Where a test's embedded store lives: `<dir>/store`.
  std::filesystem::path store() const { return m_path / "store"; }

 private:
  std::filesystem::path m_path;
};

}  // namespace glancer::testing
