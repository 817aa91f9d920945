#include "store/group_commit.h"

#include <algorithm>
#include <exception>
#include <string>

namespace glancer {

namespace {

const std::string k_savepoint = "SAVEPOINT glancer_write";
const std::string k_release = "RELEASE glancer_write";

}  // namespace

Status GroupCommit::run(const Write& write) {
  Pending me;
  me.write = &write;
  std::unique_lock queue(m_queue_mutex);
  m_queue.push_back(&me);
  while (!me.done) {
    if (m_leading) {
      m_group_done.wait(queue);
      continue;
    }
    // Lead. The connection's lock first: writes that queue while another user holds it
    // (a listing, an upload's transaction) join this group.
    m_leading = true;
    queue.unlock();
    std::lock_guard db(m_db_mutex);
    queue.lock();
    const auto n = static_cast<ptrdiff_t>(std::min(m_queue.size(), k_max_group));
    std::vector<Pending*> group(m_queue.begin(), m_queue.begin() + n);
    m_queue.erase(m_queue.begin(), m_queue.begin() + n);
    queue.unlock();
    commit_group(group);  // never throws: the followers' wake-up below must happen
    queue.lock();
    for (Pending* p : group) p->done = true;
    m_leading = false;
    m_group_done.notify_all();
  }
  return me.status;
}

size_t GroupCommit::queued() {
  std::lock_guard queue(m_queue_mutex);
  return m_queue.size();
}

Status GroupCommit::run_write(const Write& write) noexcept {
  try {
    return write(m_db);
  } catch (const std::exception& e) {
    return fail(ErrorCode::internal, std::string("a store write failed: ") + e.what());
  }
}

void GroupCommit::commit_group(const std::vector<Pending*>& group) noexcept {
  // Whoever has no error of its own gets `why`.
  auto fail_all = [&](const Error& why) {
    for (Pending* p : group)
      if (p->status.ok()) p->status = why;
  };
  auto txn = SqliteTransaction::begin(m_db, SqliteTransaction::Mode::immediate);
  if (!txn) return fail_all(txn.error());
  for (Pending* each : group) {
    Pending& p = *each;
    if (Status s = m_db.run(k_savepoint); !s) return fail_all(s.error());
    p.status = run_write(*p.write);
    if (p.status.ok()) {
      if (Status s = m_db.run(k_release); !s) return fail_all(s.error());
      continue;
    }
    // Some errors (a full disk, I/O) make sqlite roll back the whole transaction: the writes
    // before this one are gone too, so they must not be reported as done.
    if (sqlite3_get_autocommit(m_db.handle()))
      return fail_all(fail(p.status.error().code,
                           "the store rolled back a group of writes: " + p.status.error().message));
    if (Status s = m_db.exec("ROLLBACK TO glancer_write; RELEASE glancer_write"); !s)
      return fail_all(s.error());
  }
  if (m_before_commit) m_before_commit();
  // A failed commit rolled everything back: every write of the group failed with it.
  if (Status s = txn->commit(); !s)
    for (Pending* p : group) p->status = s;
}

}  // namespace glancer
