// GroupCommit: concurrent writes share one commit, each with its own savepoint and result.
#include "store/group_commit.h"

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include "store/sqlite_db.h"
#include "store_test_support.h"

namespace glancer::store_test {

namespace {

// A database with one table, counting its commits through sqlite's commit hook.
struct CountedDb {
  SqliteDb db;
  std::mutex mutex;
  int commits = 0;

  explicit CountedDb(const fs::path& path)
      : db(SqliteDb::open(path, std::chrono::milliseconds(1000)).value()) {
    REQUIRE(db.exec("PRAGMA journal_mode=WAL; CREATE TABLE t (k TEXT PRIMARY KEY, v TEXT)").ok());
    sqlite3_commit_hook(
        db.handle(),
        [](void* count) {
          ++*static_cast<int*>(count);
          return 0;
        },
        &commits);
  }

  std::vector<std::string> keys() {
    std::lock_guard lock(mutex);
    auto stmt = db.prepare("SELECT k FROM t ORDER BY k").value();
    std::vector<std::string> out;
    while (stmt.step().value()) out.push_back(stmt.text(0));
    return out;
  }
};

GroupCommit::Write insert(std::string key) {
  return [key](SqliteDb& db) { return db.run("INSERT INTO t (k, v) VALUES (?, 'v')", key); };
}

// Blocks the first write it runs until release(): holds a group open while others queue.
struct Gate {
  std::mutex m;
  std::condition_variable cv;
  bool entered = false, released = false;

  void enter() {
    std::unique_lock lock(m);
    entered = true;
    cv.notify_all();
    cv.wait(lock, [&] { return released; });
  }
  void wait_entered() {
    std::unique_lock lock(m);
    cv.wait(lock, [&] { return entered; });
  }
  void release() {
    std::lock_guard lock(m);
    released = true;
    cv.notify_all();
  }
};

void wait_queued(GroupCommit& group, size_t n) {
  while (group.queued() < n) std::this_thread::yield();
}

}  // namespace

TEST_SUITE("store") {
  TEST_CASE("store: a lone write is a group of one, committed before run returns") {
    TempDir tmp;
    CountedDb c(tmp.path() / "g.db");
    GroupCommit group(c.db, c.mutex);
    CHECK(group.run(insert("a")).ok());
    CHECK(c.commits == 1);
    CHECK(c.keys() == std::vector<std::string>{"a"});
  }

  TEST_CASE("store: writes queued behind a group commit together, each with its own result") {
    TempDir tmp;
    CountedDb c(tmp.path() / "g.db");
    GroupCommit group(c.db, c.mutex);
    Gate gate;

    // The first write holds its group open until the others have queued behind it.
    std::thread first([&] {
      CHECK(group
                .run([&](SqliteDb& db) {
                  gate.enter();
                  return db.run("INSERT INTO t (k, v) VALUES ('a', 'v')");
                })
                .ok());
    });
    gate.wait_entered();
    std::vector<std::thread> others;
    std::vector<std::string> outcomes(5);
    for (int i = 0; i < 5; ++i) {
      others.emplace_back([&, i] {
        GroupCommit::Write write = insert("b" + std::to_string(i));
        if (i == 2)  // writes a row, then fails: only its own row may go
          write = [](SqliteDb& db) -> Status {
            GLANCER_CHECK(db.run("INSERT INTO t (k, v) VALUES ('bad', 'v')"));
            return fail(ErrorCode::conflict, "refused");
          };
        outcomes[i] = outcome(group.run(write));
      });
    }
    wait_queued(group, 5);
    gate.release();
    first.join();
    for (auto& t : others) t.join();

    CHECK(outcomes == std::vector<std::string>{"ok", "ok", "conflict", "ok", "ok"});
    CHECK(c.commits == 2);  // the first write's group, then the five queued behind it
    CHECK(c.keys() == std::vector<std::string>{"a", "b0", "b1", "b3", "b4"});
  }

  TEST_CASE("store: a group that cannot begin fails every write in it, and the next one works") {
    TempDir tmp;
    CountedDb c(tmp.path() / "g.db");
    GroupCommit group(c.db, c.mutex);
    // Another connection holds the write lock past the busy timeout.
    auto other = SqliteDb::open(tmp.path() / "g.db", std::chrono::milliseconds(1000)).value();
    REQUIRE(other.exec("BEGIN IMMEDIATE").ok());
    CHECK(outcome(group.run(insert("a"))) == "timeout");
    REQUIRE(other.exec("COMMIT").ok());
    CHECK(group.run(insert("b")).ok());
    CHECK(c.keys() == std::vector<std::string>{"b"});
  }

  TEST_CASE("store: many threads writing through one group lose nothing") {
    TempDir tmp;
    CountedDb c(tmp.path() / "g.db");
    GroupCommit group(c.db, c.mutex);
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t)
      threads.emplace_back([&, t] {
        for (int i = 0; i < 40; ++i)
          if (!group.run(insert(std::to_string(t) + "-" + std::to_string(100 + i))).ok())
            ++failures;
      });
    for (auto& t : threads) t.join();
    CHECK(failures == 0);
    CHECK(c.keys().size() == 320);
    CHECK(c.commits <= 320);
  }
}  // TEST_SUITE

}  // namespace glancer::store_test
