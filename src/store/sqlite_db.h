#pragma once
/// A thin RAII layer over the sqlite3 C API: a connection, prepared statements with typed
/// binding, and transactions that roll back unless committed. Errors become Result values.

#include <sqlite3.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/result.h"

namespace glancer {

/// Maps a sqlite result code to an Error: busy/locked → timeout (another process held the
/// store too long), constraint → conflict, everything else → io.
Error sqlite_error(sqlite3* db, int rc, std::string_view context);

/// One prepared statement. Bind with bind(i, v) (1-based), then step() or run().
class SqliteStatement {
 public:
  /// Owns `stmt` and finalizes it, or, with `in_use` (a statement of the connection's cache),
  /// lends it: the destructor then resets it, clears its bindings and sets *in_use to false.
  SqliteStatement(sqlite3* db, sqlite3_stmt* stmt, bool* in_use = nullptr)
      : m_db(db), m_stmt(stmt), m_in_use(in_use) {}
  ~SqliteStatement();
  SqliteStatement(SqliteStatement&& other) noexcept;
  SqliteStatement& operator=(SqliteStatement&& other) noexcept;
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;

  /// Binds a parameter (1-based index); binding errors surface at step().
  void bind(int index, std::string_view value);
  void bind(int index, const char* value) { bind(index, std::string_view(value)); }
  void bind(int index, const std::string& value) { bind(index, std::string_view(value)); }
  void bind(int index, int64_t value);
  void bind(int index, bool value) { bind(index, static_cast<int64_t>(value ? 1 : 0)); }
  void bind(int index, std::nullptr_t);
  void bind(int index, const std::optional<std::string>& value);
  void bind(int index, const std::optional<int64_t>& value);

  /// Binds every argument in order, starting at index 1.
  template <class... Args>
  void bind_all(const Args&... args) {
    int index = 0;
    (bind(++index, args), ...);
  }

  /// Advances one row: true when a row is available, false when done.
  Result<bool> step();
  /// Steps to completion, discarding rows (for INSERT/UPDATE/DELETE).
  Status run();
  /// Makes the statement ready to bind and run again.
  void reset();

  /// Column accessors for the current row (0-based).
  std::string text(int column) const;
  std::optional<std::string> optional_text(int column) const;
  int64_t int64(int column) const;
  std::optional<int64_t> optional_int64(int column) const;

 private:
  /// Finalizes an owned statement, or hands a lent one back to the cache.
  void release();

  sqlite3* m_db = nullptr;
  sqlite3_stmt* m_stmt = nullptr;
  bool* m_in_use = nullptr;  // set for a statement lent by the cache
};

/// A connection to one database file. Not thread-safe: callers serialize access.
class SqliteDb {
 public:
  SqliteDb() = default;
  ~SqliteDb();
  SqliteDb(SqliteDb&& other) noexcept;
  SqliteDb& operator=(SqliteDb&& other) noexcept;
  SqliteDb(const SqliteDb&) = delete;
  SqliteDb& operator=(const SqliteDb&) = delete;

  /// Opens (creating if needed) `path` with a busy timeout so several processes can share it.
  static Result<SqliteDb> open(const std::filesystem::path& path,
                               std::chrono::milliseconds busy_timeout);

  /// Runs one or more statements without results (DDL, PRAGMA, BEGIN …).
  Status exec(const std::string& sql);
  /// Prepares one statement, used once.
  Result<SqliteStatement> prepare(std::string_view sql);
  /// The statement for `sql`, prepared on the first call and kept by the connection; later
  /// calls lend it again, reset and unbound (preparing costs more than running a small
  /// statement). For the fixed SQL of hot paths, not SQL built per call, which would fill the
  /// cache. If the cached one is still lent out, a fresh one is prepared instead.
  Result<SqliteStatement> cached(const std::string& sql);
  /// Runs `sql` (cached), with `args` bound, to completion.
  template <class... Args>
  Status run(const std::string& sql, const Args&... args) {
    GLANCER_TRY(stmt, cached(sql));
    stmt.bind_all(args...);
    return stmt.run();
  }
  /// Rows changed by the last INSERT/UPDATE/DELETE.
  int64_t changes() const;
  /// The value of an integer PRAGMA such as user_version.
  Result<int64_t> pragma_int(const std::string& name);

  sqlite3* handle() const { return m_db; }

 private:
  struct CachedStatement {
    sqlite3_stmt* stmt = nullptr;
    bool in_use = false;
  };

  explicit SqliteDb(sqlite3* db) : m_db(db) {}
  /// Finalizes the cached statements and closes the connection.
  void close();

  sqlite3* m_db = nullptr;
  // Node-based, so a lent statement's in_use flag stays put while others are added.
  std::unordered_map<std::string, CachedStatement> m_cache;
};

/// A transaction that rolls back on destruction unless commit() succeeded.
class SqliteTransaction {
 public:
  /// immediate takes the write lock up front: a deferred transaction that later writes can fail
  /// with SQLITE_BUSY without waiting, which busy_timeout cannot help.
  enum class Mode { deferred, immediate };

  static Result<SqliteTransaction> begin(SqliteDb& db, Mode mode);
  ~SqliteTransaction();
  SqliteTransaction(SqliteTransaction&& other) noexcept;
  SqliteTransaction& operator=(SqliteTransaction&&) = delete;
  SqliteTransaction(const SqliteTransaction&) = delete;
  SqliteTransaction& operator=(const SqliteTransaction&) = delete;

  /// Commits; on failure the transaction is rolled back.
  Status commit();

 private:
  explicit SqliteTransaction(SqliteDb* db) : m_db(db) {}
  SqliteDb* m_db = nullptr;  // null once committed or rolled back
};

}  // namespace glancer
