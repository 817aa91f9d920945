#pragma once
/// The SQLite schema of the embedded store, versioned with PRAGMA user_version.

#include <cstdint>

#include "core/result.h"
#include "store/sqlite_db.h"

namespace glancer {

/// The schema version this build writes; a store with a higher version is refused.
inline constexpr int64_t k_store_schema_version = 2;

/// Sets the per-connection pragmas (WAL, synchronous, foreign keys) and creates or checks the
/// schema inside one write transaction, so two processes opening a new store at once agree.
Status prepare_store_schema(SqliteDb& db);

}  // namespace glancer
