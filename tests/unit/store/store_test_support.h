#pragma once
// Helpers for the embedded store's unit tests: a temp directory per test and in-memory byte
// sources and sinks (from support/), a ticking clock, raw SQL access.

#include <doctest/doctest.h>
#include <sqlite3.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/stream.h"
#include "store/local_image_service.h"
#include "support/manual_clock.h"
#include "support/memory_stream.h"
#include "support/temp_dir.h"

namespace glancer::store_test {

namespace fs = std::filesystem;

using testing::StringSink;
using testing::TestSource;

/// A fresh directory per test (support/temp_dir.h), named glancer-store-test-….
class TempDir : public testing::TempDir {
 public:
  TempDir() : testing::TempDir("glancer-store-test") {}
};

/// Deterministic bytes: the same pattern the expected digests were computed from.
inline std::string pattern_data(size_t n) {
  std::string s(n, '\0');
  for (size_t i = 0; i < n; ++i) s[i] = static_cast<char>((i * 7 + 3) % 251);
  return s;
}

/// Options with a clock that starts at 2026-01-01T00:00:00Z and advances one second per
/// reading: every change gets a distinct timestamp.
inline LocalStoreOptions test_options() {
  LocalStoreOptions options;
  options.clock = std::make_shared<testing::TickingClock>();
  return options;
}

/// Opens (or reopens) the store, failing the test on error.
inline std::unique_ptr<LocalImageService> open_store(const fs::path& dir,
                                                     LocalStoreOptions options = test_options()) {
  auto store = LocalImageService::open(dir, std::move(options));
  REQUIRE_MESSAGE(store.ok(), (store.ok() ? "" : store.error().message));
  return std::move(store).value();
}

/// A create request that can receive data (formats set).
inline ImageCreate uploadable(std::string name = "img") {
  ImageCreate request;
  request.name = std::move(name);
  request.disk_format = "qcow2";
  request.container_format = "bare";
  return request;
}

/// Creates an image, failing the test on error.
inline Image create_ok(LocalImageService& store, const ImageCreate& request) {
  auto image = store.create(request);
  REQUIRE_MESSAGE(image.ok(), (image.ok() ? "" : image.error().message));
  return image.value();
}

/// One patch operation.
inline PatchOp op(PatchOp::Kind kind, std::string path, nlohmann::json value = nullptr) {
  return PatchOp{kind, std::move(path), std::move(value)};
}
inline constexpr PatchOp::Kind k_add = PatchOp::Kind::add;
inline constexpr PatchOp::Kind k_replace = PatchOp::Kind::replace;
inline constexpr PatchOp::Kind k_remove = PatchOp::Kind::remove;

/// "ok" or the error code's name: readable in failure output.
template <class R>
std::string outcome(const R& result) {
  return result.ok() ? "ok" : error_code_name(result.error().code);
}

/// Runs SQL on the store's database through a second, independent connection.
inline void raw_sql(const fs::path& store_dir, const std::string& sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open((store_dir / "glancer.db").c_str(), &db) == SQLITE_OK);
  sqlite3_busy_timeout(db, 5000);
  char* err = nullptr;
  int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
  std::string message = err ? err : "";
  sqlite3_free(err);
  sqlite3_close(db);
  REQUIRE_MESSAGE(rc == SQLITE_OK, message);
}

/// Files in the store's blobs directory, by name.
inline std::vector<std::string> blob_names(const fs::path& store_dir) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(store_dir / "blobs"))
    names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

using testing::write_file;

}  // namespace glancer::store_test
