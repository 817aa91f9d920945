#include "store/store_recovery.h"

#include <optional>
#include <set>
#include <unordered_map>

#include "store/image_rows.h"

namespace glancer {

namespace {

struct ImageState {
  std::string status;
  std::optional<int64_t> size;
};

bool has_data(const std::string& status) {
  return status == "active" || status == "deactivated";
}

Result<std::unordered_map<std::string, ImageState>> load_states(SqliteDb& db) {
  GLANCER_TRY(stmt, db.prepare("SELECT id, status, size FROM images"));
  std::unordered_map<std::string, ImageState> states;
  for (;;) {
    GLANCER_TRY(row, stmt.step());
    if (!row) return states;
    states[stmt.text(0)] = ImageState{stmt.text(1), stmt.optional_int64(2)};
  }
}

}  // namespace

Result<RecoveryReport> recover_store(SqliteDb& db, const BlobDir& blobs, const std::string& now) {
  RecoveryReport report;
  GLANCER_TRY(txn, SqliteTransaction::begin(db, SqliteTransaction::Mode::immediate));
  GLANCER_TRY(entries, blobs.scan());

  // Temp files first: a locked one marks its image's upload as alive.
  std::set<std::string> live_uploads;
  for (const auto& entry : entries) {
    if (!entry.temp) continue;
    GLANCER_TRY(removed, blobs.remove_temp_if_abandoned(entry.path));
    if (removed)
      ++report.temp_files_removed;
    else
      live_uploads.insert(entry.image_id);
  }

  GLANCER_TRY(states, load_states(db));
  for (auto& [id, state] : states) {
    if (state.status != "saving" || live_uploads.count(id)) continue;
    GLANCER_CHECK(db.run(
        "UPDATE images SET status = 'queued', size = NULL, virtual_size = NULL, checksum = NULL,"
        " os_hash_algo = NULL, os_hash_value = NULL, updated_at = ? WHERE id = ?",
        now, id));
    state = ImageState{"queued", std::nullopt};
    ++report.uploads_reset;
  }

  std::set<std::string> intact;
  for (const auto& entry : entries) {
    if (entry.temp) continue;
    auto it = states.find(entry.image_id);
    bool keep = it != states.end() && has_data(it->second.status) && it->second.size &&
                static_cast<uint64_t>(*it->second.size) == entry.size;
    if (keep) {
      intact.insert(entry.image_id);
      continue;
    }
    GLANCER_CHECK(blobs.remove_blob(entry.image_id));
    ++report.blobs_removed;
  }

  for (const auto& [id, state] : states) {
    if (!has_data(state.status) || intact.count(id)) continue;
    GLANCER_CHECK(save_image_status(db, id, "killed", now));
    ++report.images_killed;
  }

  GLANCER_CHECK(txn.commit());
  if (report.temp_files_removed || report.blobs_removed) GLANCER_CHECK(blobs.sync());
  return report;
}

}  // namespace glancer
