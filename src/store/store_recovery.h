#pragma once
/// Start-up recovery of the embedded store: brings metadata and blob files back into
/// agreement after a process was killed at any moment.

#include <string>

#include "core/result.h"
#include "store/blob_files.h"
#include "store/sqlite_db.h"

namespace glancer {

/// What recovery changed, for logging and tests.
struct RecoveryReport {
  int uploads_reset = 0;       ///< 'saving' images returned to 'queued'
  int temp_files_removed = 0;  ///< abandoned `<id>.tmp-*` files deleted
  int blobs_removed = 0;       ///< blob files with no readable image deleted
  int images_killed = 0;       ///< active/deactivated images whose data was missing or truncated
};

/// Runs in one write transaction, which serializes it against every upload's start and finish
/// in any process (those take the write lock around creating and renaming their temp file):
/// - a temp file that no live upload has locked is deleted;
/// - a 'saving' image without a live upload returns to 'queued' with size and hashes null,
///   as Glance does for an interrupted upload;
/// - a blob file whose image is gone or is not active/deactivated (or whose size differs from
///   the recorded one) is deleted;
/// - an active or deactivated image without intact data becomes 'killed', Glance's status for
///   an image whose data is unusable; its size and hashes are kept so a report can show what
///   was lost. Only tampering or a lost disk can cause this: finished uploads fsync the data
///   and the directory before committing.
Result<RecoveryReport> recover_store(SqliteDb& db, const BlobDir& blobs, const std::string& now);

}  // namespace glancer
