// LocalImageService: a store killed at any moment reopens consistent. Crashes are simulated by
// editing the database through a second raw connection and leaving files behind.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include "store/store_schema.h"
#include "store_test_support.h"

namespace glancer::store_test {

namespace {

// A temp file held locked as a live upload in another process would hold it.
class LockedFile {
 public:
  explicit LockedFile(const fs::path& path) {
    m_fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
    REQUIRE(m_fd >= 0);
    REQUIRE(::flock(m_fd, LOCK_EX | LOCK_NB) == 0);
  }
  ~LockedFile() { ::close(m_fd); }
  LockedFile(const LockedFile&) = delete;
  LockedFile& operator=(const LockedFile&) = delete;

 private:
  int m_fd = -1;
};

void set_saving(const TempDir& tmp, const std::string& id) {
  raw_sql(tmp.store(), "UPDATE images SET status = 'saving' WHERE id = '" + id + "'");
}

}  // namespace

TEST_SUITE("store") {
  TEST_CASE(
      "store: reopening after a crash mid-upload resets the image to queued and removes the temp "
      "file") {
    TempDir tmp;
    std::string id;
    {
      auto store = open_store(tmp.store());
      id = create_ok(*store, uploadable()).id;
    }
    // The killed writer left: status saving, a half-written unlocked temp file.
    set_saving(tmp, id);
    write_file(tmp.store() / "blobs" / (id + ".tmp-0123456789abcdef"), "half of the data");

    auto store = open_store(tmp.store());
    CHECK(store->recovery_report().uploads_reset == 1);
    CHECK(store->recovery_report().temp_files_removed == 1);
    Image image = store->get(id).value();
    CHECK(image.status == "queued");
    CHECK_FALSE(image.size);
    CHECK_FALSE(image.checksum);
    CHECK_FALSE(image.os_hash_value);
    CHECK(blob_names(tmp.store()).empty());

    TestSource retry("abc");
    CHECK(store->upload(id, retry).ok());
  }

  TEST_CASE("store: recovery leaves a live upload of another process alone") {
    TempDir tmp;
    std::string id;
    {
      auto store = open_store(tmp.store());
      id = create_ok(*store, uploadable()).id;
    }
    set_saving(tmp, id);
    fs::path temp = tmp.store() / "blobs" / (id + ".tmp-feedfacefeedface");
    {
      LockedFile writer(temp);
      auto store = open_store(tmp.store());
      CHECK(store->recovery_report().uploads_reset == 0);
      CHECK(store->recovery_report().temp_files_removed == 0);
      CHECK(store->get(id)->status == "saving");
      CHECK(fs::exists(temp));
      TestSource data("abc");
      CHECK(outcome(store->upload(id, data)) == "conflict");
    }
    // The writer died without cleaning up: the next open reclaims it.
    auto store = open_store(tmp.store());
    CHECK(store->recovery_report().uploads_reset == 1);
    CHECK(store->get(id)->status == "queued");
    CHECK_FALSE(fs::exists(temp));
  }

  TEST_CASE(
      "store: an abandoned 'saving' image is reclaimed by the next upload without reopening") {
    TempDir tmp;
    auto store = open_store(tmp.store());
    Image image = create_ok(*store, uploadable());
    set_saving(tmp, image.id);  // a writer in another process died after this
    fs::path temp = tmp.store() / "blobs" / (image.id + ".tmp-0000000000000000");
    write_file(temp, "partial");
    TestSource data("abc");
    auto uploaded = store->upload(image.id, data);
    REQUIRE(uploaded.ok());
    CHECK(uploaded->status == "active");
    CHECK_FALSE(fs::exists(temp));
  }

  TEST_CASE("store: recovery removes orphan blobs and kills active images without intact data") {
    TempDir tmp;
    std::string lost, truncated, kept, queued;
    {
      auto store = open_store(tmp.store());
      for (std::string* id : {&lost, &truncated, &kept, &queued}) {
        *id = create_ok(*store, uploadable()).id;
        if (id == &queued) continue;
        TestSource data("abcdef");
        REQUIRE(store->upload(*id, data).ok());
      }
      REQUIRE(store->deactivate(kept).ok());
    }
    const fs::path blobs = tmp.store() / "blobs";
    fs::remove(blobs / lost);
    write_file(blobs / truncated, "abc");
    write_file(blobs / queued, "stray data");                              // image has no data
    write_file(blobs / "6f0c6b3e-6b1a-4d8e-9d61-1c1b2a3f4e5d", "orphan");  // no image at all
    write_file(blobs / "README", "not ours");                              // left alone

    auto store = open_store(tmp.store());
    CHECK(store->recovery_report().blobs_removed == 3);
    CHECK(store->recovery_report().images_killed == 2);
    CHECK(store->get(lost)->status == "killed");
    CHECK(store->get(truncated)->status == "killed");
    CHECK(store->get(kept)->status == "deactivated");
    CHECK(store->get(queued)->status == "queued");
    std::vector<std::string> expected{"README", kept};
    std::sort(expected.begin(), expected.end());
    CHECK(blob_names(tmp.store()) == expected);

    // Data vanishing behind an open store's back (no reopen): an io error, not silence.
    fs::remove(blobs / kept);
    REQUIRE(store->reactivate(kept).ok());
    StringSink vanished;
    CHECK(outcome(store->download(kept, vanished)) == "io");

    // A killed image has no data to download, as in Glance.
    StringSink sink;
    CHECK(store->download(lost, sink).ok());
    CHECK(sink.data.empty());
  }

  TEST_CASE("store: a crash between publishing the blob and committing leaves a queued image") {
    TempDir tmp;
    std::string id;
    {
      auto store = open_store(tmp.store());
      id = create_ok(*store, uploadable()).id;
    }
    set_saving(tmp, id);
    write_file(tmp.store() / "blobs" / id, "renamed but never recorded");
    auto store = open_store(tmp.store());
    CHECK(store->get(id)->status == "queued");
    CHECK(blob_names(tmp.store()).empty());
  }

  TEST_CASE("store: the database uses WAL and a versioned schema; newer versions are refused") {
    TempDir tmp;
    { open_store(tmp.store()); }
    CHECK(fs::exists(tmp.store() / "glancer.db"));
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open((tmp.store() / "glancer.db").c_str(), &db) == SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &stmt, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(stmt) == SQLITE_ROW);
    CHECK(std::string(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0))) == "wal");
    sqlite3_finalize(stmt);
    REQUIRE(sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &stmt, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(stmt) == SQLITE_ROW);
    CHECK(sqlite3_column_int(stmt, 0) == k_store_schema_version);
    sqlite3_finalize(stmt);
    sqlite3_close(db);

    raw_sql(tmp.store(), "PRAGMA user_version = 99");
    auto refused = LocalImageService::open(tmp.store(), test_options());
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().message.find("newer") != std::string::npos);
  }

  TEST_CASE("store: open fails cleanly when the directory cannot be created") {
    TempDir tmp;
    write_file(tmp.path() / "file", "x");
    auto store = LocalImageService::open(tmp.path() / "file" / "store", test_options());
    CHECK(outcome(store) == "io");
  }

}  // TEST_SUITE

}  // namespace glancer::store_test
