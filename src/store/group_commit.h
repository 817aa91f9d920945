#pragma once
/// GroupCommit: the write transactions of concurrent callers committed together. Every commit
/// of the store pays a WAL write and an fsync under the single connection's lock; with eight
/// PATCHes in flight that serial fsync, not the CPU, was the store's limit. The first caller
/// to find no group under way becomes its leader: it runs every queued write in one
/// transaction, each inside its own savepoint, and commits once. Followers wait and get their
/// own write's result, and only after the group's commit, so an acknowledged write is as
/// durable as with a commit of its own. A lone writer is a group of one: no extra wait.

#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <vector>

#include "core/result.h"
#include "store/sqlite_db.h"

namespace glancer {

class GroupCommit {
 public:
  /// Statements of one write, run inside the group's transaction. Returning an error rolls
  /// back this write's changes only.
  using Write = std::function<Status(SqliteDb&)>;

  /// Writes go to `db`, while the leader holds `db_mutex` (the lock every other user of the
  /// connection takes too).
  /// `before_commit` (may be null) runs just before each group's COMMIT.
  GroupCommit(SqliteDb& db, std::mutex& db_mutex, std::function<void()> before_commit = {})
      : m_db(db), m_db_mutex(db_mutex), m_before_commit(std::move(before_commit)) {}

  /// Runs `write` in the next group and returns once that group is over: the write's own
  /// error (its savepoint rolled back, the rest of the group unaffected), the group's error
  /// (BEGIN or COMMIT failed, or the connection rolled the whole transaction back: then
  /// nothing of the group was written), or success once the group committed.
  Status run(const Write& write);

  /// Writes waiting for a group to take them (for tests).
  size_t queued();

  /// The most writes one group takes, so a follower's wait stays short.
  static constexpr size_t k_max_group = 64;

 private:
  struct Pending {
    const Write* write = nullptr;
    Status status;
    bool done = false;
  };
  /// One transaction for `group`; sets each entry's status. Caller holds m_db_mutex.
  void commit_group(const std::vector<Pending*>& group) noexcept;
  /// Runs one write; an exception (allocation failure) becomes its error.
  Status run_write(const Write& write) noexcept;

  SqliteDb& m_db;
  std::mutex& m_db_mutex;
  std::function<void()> m_before_commit;
  std::mutex m_queue_mutex;  // guards the three below
  std::condition_variable m_group_done;
  std::vector<Pending*> m_queue;
  bool m_leading = false;  // a leader is running a group
};

}  // namespace glancer
