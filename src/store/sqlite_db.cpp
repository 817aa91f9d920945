#include "store/sqlite_db.h"

#include <utility>

namespace glancer {

Error sqlite_error(sqlite3* db, int rc, std::string_view context) {
  std::string message(context);
  message += ": ";
  // sqlite3_errmsg describes the last failure on this connection; fall back to the generic
  // text when there is no connection (open failed before one existed).
  message += db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return fail(ErrorCode::timeout, std::move(message));
    case SQLITE_CONSTRAINT: return fail(ErrorCode::conflict, std::move(message));
    default: return fail(ErrorCode::io, std::move(message));
  }
}

// ---- SqliteStatement ----

SqliteStatement::~SqliteStatement() {
  release();
}

void SqliteStatement::release() {
  if (!m_stmt) return;
  if (m_in_use) {
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
    *m_in_use = false;
  } else {
    sqlite3_finalize(m_stmt);
  }
  m_stmt = nullptr;
}

SqliteStatement::SqliteStatement(SqliteStatement&& other) noexcept
    : m_db(other.m_db),
      m_stmt(std::exchange(other.m_stmt, nullptr)),
      m_in_use(std::exchange(other.m_in_use, nullptr)) {}

SqliteStatement& SqliteStatement::operator=(SqliteStatement&& other) noexcept {
  if (this != &other) {
    release();
    m_db = other.m_db;
    m_stmt = std::exchange(other.m_stmt, nullptr);
    m_in_use = std::exchange(other.m_in_use, nullptr);
  }
  return *this;
}

void SqliteStatement::bind(int index, std::string_view value) {
  sqlite3_bind_text(m_stmt, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
}

void SqliteStatement::bind(int index, int64_t value) {
  sqlite3_bind_int64(m_stmt, index, value);
}

void SqliteStatement::bind(int index, std::nullptr_t) {
  sqlite3_bind_null(m_stmt, index);
}

void SqliteStatement::bind(int index, const std::optional<std::string>& value) {
  if (value)
    bind(index, std::string_view(*value));
  else
    bind(index, nullptr);
}

void SqliteStatement::bind(int index, const std::optional<int64_t>& value) {
  if (value)
    bind(index, *value);
  else
    bind(index, nullptr);
}

Result<bool> SqliteStatement::step() {
  int rc = sqlite3_step(m_stmt);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return sqlite_error(m_db, rc, sqlite3_sql(m_stmt));
}

Status SqliteStatement::run() {
  for (;;) {
    GLANCER_TRY(row, step());
    if (!row) return {};
  }
}

void SqliteStatement::reset() {
  sqlite3_reset(m_stmt);
  sqlite3_clear_bindings(m_stmt);
}

std::string SqliteStatement::text(int column) const {
  const unsigned char* p = sqlite3_column_text(m_stmt, column);
  if (!p) return {};
  return std::string(reinterpret_cast<const char*>(p),
                     static_cast<size_t>(sqlite3_column_bytes(m_stmt, column)));
}

std::optional<std::string> SqliteStatement::optional_text(int column) const {
  if (sqlite3_column_type(m_stmt, column) == SQLITE_NULL) return std::nullopt;
  return text(column);
}

int64_t SqliteStatement::int64(int column) const {
  return sqlite3_column_int64(m_stmt, column);
}

std::optional<int64_t> SqliteStatement::optional_int64(int column) const {
  if (sqlite3_column_type(m_stmt, column) == SQLITE_NULL) return std::nullopt;
  return int64(column);
}

// ---- SqliteDb ----

SqliteDb::~SqliteDb() {
  close();
}

void SqliteDb::close() {
  // Statements first: sqlite3_close_v2 would otherwise keep the connection as a zombie.
  for (auto& [sql, cached] : m_cache) sqlite3_finalize(cached.stmt);
  m_cache.clear();
  sqlite3_close_v2(m_db);
  m_db = nullptr;
}

SqliteDb::SqliteDb(SqliteDb&& other) noexcept
    : m_db(std::exchange(other.m_db, nullptr)), m_cache(std::move(other.m_cache)) {
  other.m_cache.clear();
}

SqliteDb& SqliteDb::operator=(SqliteDb&& other) noexcept {
  if (this != &other) {
    close();
    m_db = std::exchange(other.m_db, nullptr);
    m_cache = std::move(other.m_cache);
    other.m_cache.clear();
  }
  return *this;
}

Result<SqliteDb> SqliteDb::open(const std::filesystem::path& path,
                                std::chrono::milliseconds busy_timeout) {
  sqlite3* raw = nullptr;
  // NOMUTEX: the owner serializes access itself, so sqlite's own mutexes would be redundant.
  int rc =
      sqlite3_open_v2(path.c_str(), &raw,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  SqliteDb db(raw);  // owns the handle even when open failed
  if (rc != SQLITE_OK) return sqlite_error(raw, rc, "cannot open " + path.string());
  sqlite3_extended_result_codes(raw, 1);
  sqlite3_busy_timeout(raw, static_cast<int>(busy_timeout.count()));
  return db;
}

Status SqliteDb::exec(const std::string& sql) {
  int rc = sqlite3_exec(m_db, sql.c_str(), nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return sqlite_error(m_db, rc, sql);
  return {};
}

Result<SqliteStatement> SqliteDb::prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v2(m_db, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(stmt);
    return sqlite_error(m_db, rc, sql);
  }
  return SqliteStatement(m_db, stmt);
}

Result<SqliteStatement> SqliteDb::cached(const std::string& sql) {
  auto [it, added] = m_cache.try_emplace(sql);
  CachedStatement& entry = it->second;
  if (added) {
    int rc = sqlite3_prepare_v3(m_db, sql.data(), static_cast<int>(sql.size()),
                                SQLITE_PREPARE_PERSISTENT, &entry.stmt, nullptr);
    if (rc != SQLITE_OK) {
      Error error = sqlite_error(m_db, rc, sql);
      sqlite3_finalize(entry.stmt);
      m_cache.erase(it);
      return error;
    }
  }
  if (entry.in_use) return prepare(sql);  // the same SQL nested: a one-off copy
  entry.in_use = true;
  return SqliteStatement(m_db, entry.stmt, &entry.in_use);
}

int64_t SqliteDb::changes() const {
  return sqlite3_changes64(m_db);
}

Result<int64_t> SqliteDb::pragma_int(const std::string& name) {
  GLANCER_TRY(stmt, prepare("PRAGMA " + name));
  GLANCER_TRY(row, stmt.step());
  if (!row) return fail(ErrorCode::io, "PRAGMA " + name + " returned no row");
  return stmt.int64(0);
}

// ---- SqliteTransaction ----

Result<SqliteTransaction> SqliteTransaction::begin(SqliteDb& db, Mode mode) {
  static const std::string k_immediate = "BEGIN IMMEDIATE", k_deferred = "BEGIN DEFERRED";
  GLANCER_CHECK(db.run(mode == Mode::immediate ? k_immediate : k_deferred));
  return SqliteTransaction(&db);
}

SqliteTransaction::~SqliteTransaction() {
  // Nothing useful can be done if the rollback itself fails; sqlite then rolls back when the
  // connection closes.
  if (m_db) (void)m_db->exec("ROLLBACK");
}

SqliteTransaction::SqliteTransaction(SqliteTransaction&& other) noexcept
    : m_db(std::exchange(other.m_db, nullptr)) {}

Status SqliteTransaction::commit() {
  SqliteDb* db = std::exchange(m_db, nullptr);
  static const std::string k_commit = "COMMIT";
  Status s = db->run(k_commit);
  if (!s.ok() && !sqlite3_get_autocommit(db->handle())) (void)db->exec("ROLLBACK");
  return s;
}

}  // namespace glancer
