#include "store/store_schema.h"

#include <string>
#include <thread>

#include "store/metadef_schema.h"

namespace glancer {

namespace {

// Version 1. Base attributes are columns; tags, custom properties and members are rows keyed
// by image. Ids of deleted images stay in deleted_images so they can never be reused (Glance
// answers 409 for a deleted id).
constexpr const char* k_schema_v1 = R"sql(
CREATE TABLE images (
  id               TEXT PRIMARY KEY NOT NULL,
  name             TEXT,
  status           TEXT NOT NULL,
  visibility       TEXT NOT NULL,
  protected        INTEGER NOT NULL DEFAULT 0,
  os_hidden        INTEGER NOT NULL DEFAULT 0,
  disk_format      TEXT,
  container_format TEXT,
  owner            TEXT,
  min_disk         INTEGER NOT NULL DEFAULT 0,
  min_ram          INTEGER NOT NULL DEFAULT 0,
  size             INTEGER,
  virtual_size     INTEGER,
  checksum         TEXT,
  os_hash_algo     TEXT,
  os_hash_value    TEXT,
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL
);
CREATE INDEX images_by_created ON images (created_at, id);
CREATE INDEX images_by_status ON images (status);
CREATE TABLE image_tags (
  image_id TEXT NOT NULL REFERENCES images (id) ON DELETE CASCADE,
  tag      TEXT NOT NULL,
  PRIMARY KEY (image_id, tag)
);
CREATE TABLE image_properties (
  image_id TEXT NOT NULL REFERENCES images (id) ON DELETE CASCADE,
  key      TEXT NOT NULL,
  value    TEXT NOT NULL,
  PRIMARY KEY (image_id, key)
);
CREATE INDEX image_properties_by_value ON image_properties (key, value);
CREATE TABLE image_members (
  image_id   TEXT NOT NULL REFERENCES images (id) ON DELETE CASCADE,
  member_id  TEXT NOT NULL,
  status     TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (image_id, member_id)
);
CREATE TABLE deleted_images (
  id         TEXT PRIMARY KEY NOT NULL,
  deleted_at TEXT NOT NULL
);
)sql";

// Name lookups (`name=in:"a","b"`: a plan's name clashes and rotations, `glancer import`)
// read the images of those names, not every row.
constexpr const char* k_name_index = "CREATE INDEX IF NOT EXISTS images_by_name ON images (name)";

// Switching a fresh database to WAL needs a brief exclusive lock; when another process is
// doing the same at that instant sqlite may answer BUSY without consulting the busy handler.
Status enable_wal(SqliteDb& db) {
  Status last;
  for (int attempt = 0; attempt < 50; ++attempt) {
    GLANCER_TRY(stmt, db.prepare("PRAGMA journal_mode=WAL"));
    auto row = stmt.step();
    if (row.ok()) {
      if (row.value() && stmt.text(0) == "wal") return {};
      return fail(ErrorCode::io, "the store's database cannot use WAL journaling");
    }
    last = row.error();
    if (row.error().code != ErrorCode::timeout) return last;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return last;
}

}  // namespace

Status prepare_store_schema(SqliteDb& db) {
  GLANCER_CHECK(enable_wal(db));
  // FULL: a commit that reported success survives power loss, not only a killed process;
  // metadata transactions are small, so the extra fsync per commit is cheap next to uploads.
  GLANCER_CHECK(db.exec("PRAGMA synchronous=FULL"));
  GLANCER_CHECK(db.exec("PRAGMA foreign_keys=ON"));

  GLANCER_TRY(txn, SqliteTransaction::begin(db, SqliteTransaction::Mode::immediate));
  GLANCER_TRY(version, db.pragma_int("user_version"));
  if (version == k_store_schema_version) {
    // Added after the current version: stores made before it get it here (an index changes
    // no answer, so older builds read such a store as before).
    GLANCER_CHECK(db.exec(k_name_index));
    return txn.commit();
  }
  if (version > k_store_schema_version)
    return fail(ErrorCode::io, "the store has schema version " + std::to_string(version) +
                                   ", newer than this glancer supports (" +
                                   std::to_string(k_store_schema_version) + ")");
  // One step at a time from the version found: 0 is a new database.
  if (version < 1) GLANCER_CHECK(db.exec(k_schema_v1));
  if (version < 2) GLANCER_CHECK(migrate_metadefs_v2(db));
  GLANCER_CHECK(db.exec(k_name_index));
  GLANCER_CHECK(db.exec("PRAGMA user_version=" + std::to_string(k_store_schema_version)));
  return txn.commit();
}

}  // namespace glancer
