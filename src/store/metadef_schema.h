#pragma once
/// The metadata definitions tables of the embedded store (schema version 2).

#include "core/result.h"
#include "store/sqlite_db.h"

namespace glancer {

/// Creates the metadef tables and seeds Glance's standard resource types
/// (k_standard_resource_types); runs inside prepare_store_schema's transaction.
Status migrate_metadefs_v2(SqliteDb& db);

}  // namespace glancer
