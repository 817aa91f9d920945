#include "store/metadef_schema.h"

#include "core/clock.h"
#include "glance/metadef.h"

namespace glancer {

namespace {

// Objects, properties and tags share one table: each is a name and a JSON body within its
// namespace (an object's description/required/properties, a property's schema). Items and
// associations go with their namespace (ON DELETE CASCADE); resource types stay.
constexpr const char* k_schema_v2 = R"sql(
CREATE TABLE metadef_namespaces (
  id           INTEGER PRIMARY KEY,
  namespace    TEXT NOT NULL UNIQUE,
  display_name TEXT,
  description  TEXT,
  visibility   TEXT NOT NULL,
  protected    INTEGER NOT NULL DEFAULT 0,
  owner        TEXT,
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL
);
CREATE TABLE metadef_resource_types (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE metadef_associations (
  namespace_id      INTEGER NOT NULL REFERENCES metadef_namespaces (id) ON DELETE CASCADE,
  resource_type_id  INTEGER NOT NULL REFERENCES metadef_resource_types (id),
  prefix            TEXT,
  properties_target TEXT,
  created_at        TEXT NOT NULL,
  updated_at        TEXT NOT NULL,
  PRIMARY KEY (namespace_id, resource_type_id)
);
CREATE TABLE metadef_items (
  id           INTEGER PRIMARY KEY,
  namespace_id INTEGER NOT NULL REFERENCES metadef_namespaces (id) ON DELETE CASCADE,
  kind         TEXT NOT NULL,
  name         TEXT NOT NULL,
  body         TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  UNIQUE (namespace_id, kind, name)
);
)sql";

}  // namespace

Status migrate_metadefs_v2(SqliteDb& db) {
  GLANCER_CHECK(db.exec(k_schema_v2));
  const std::string now = utc_now();
  for (const char* name : k_standard_resource_types)
    GLANCER_CHECK(
        db.run("INSERT INTO metadef_resource_types (name, created_at, updated_at) VALUES (?, ?, ?)",
               name, now, now));
  return {};
}

}  // namespace glancer
