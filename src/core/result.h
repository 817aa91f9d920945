#pragma once
/// Errors as values: every fallible function below cli/ returns Result<T>.

#include <compare>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace glancer {

/// A closed set of failure kinds; callers branch on these, never on message text.
enum class ErrorCode {
  invalid_argument,   ///< the caller passed something malformed
  invalid_manifest,   ///< a manifest failed to parse or validate
  not_found,          ///< the image/member/file does not exist
  conflict,           ///< state does not allow it (duplicate id, wrong status)
  forbidden,          ///< not allowed (read-only attribute, protected image)
  unauthorized,       ///< credentials missing or rejected
  quota,              ///< a limit was exceeded (size cap, property count)
  timeout,            ///< an operation ran out of time (retry policy differs)
  transport,          ///< network or I/O channel failure
  io,                 ///< local filesystem error
  checksum_mismatch,  ///< data did not match its expected digest
  stale_plan,         ///< a saved plan no longer matches the live service
  cancelled,          ///< the user interrupted the operation
  internal,           ///< a bug or an unexpected state
};

/// The stable snake_case name of a code, e.g. "not_found".
const char* error_code_name(ErrorCode code);

/// A source file's name, shared by every position in that file: copying one never allocates
/// (a 10,000-image manifest set records some 200,000 positions). Reads as a const string.
class SourceFile {
 public:
  SourceFile() = default;
  SourceFile(std::string name)  // implicit: SourcePos{"a.yaml", 1, 2} reads as written
      : m_name(name.empty() ? nullptr : std::make_shared<const std::string>(std::move(name))) {}
  SourceFile(const char* name) : SourceFile(std::string(name)) {}

  const std::string& str() const { return m_name ? *m_name : empty_name(); }
  operator const std::string&() const { return str(); }
  bool empty() const { return !m_name; }
  friend bool operator==(const SourceFile& a, const SourceFile& b) {
    return a.m_name == b.m_name || a.str() == b.str();
  }
  friend std::strong_ordering operator<=>(const SourceFile& a, const SourceFile& b) {
    return a.str() <=> b.str();
  }

 private:
  static const std::string& empty_name();
  std::shared_ptr<const std::string> m_name;
};

/// A position in a source file; line and column are 1-based, 0 means unknown.
struct SourcePos {
  SourceFile file;
  int line = 0;
  int column = 0;

  /// "file:line:col" (or just "file" when the line is unknown).
  std::string to_string() const;
  bool known() const { return !file.empty(); }
  friend bool operator==(const SourcePos&, const SourcePos&) = default;
};

/// A failure: what kind, a message for people, and where in a manifest if known.
struct Error {
  ErrorCode code = ErrorCode::internal;
  std::string message;
  SourcePos where;

  /// "file:line:col: message" or just the message.
  std::string to_string() const;
};

/// Builds an Error; the common way to fail: `return fail(ErrorCode::io, "…")`.
inline Error fail(ErrorCode code, std::string message, SourcePos where = {}) {
  return Error{code, std::move(message), std::move(where)};
}

/// Either a value or an Error.
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : m_v(std::move(value)) {}
  Result(Error error) : m_v(std::move(error)) {}

  bool ok() const { return m_v.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { return std::get<0>(m_v); }
  const T& value() const& { return std::get<0>(m_v); }
  T&& value() && { return std::get<0>(std::move(m_v)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const Error& error() const { return std::get<1>(m_v); }

 private:
  std::variant<T, Error> m_v;
};

/// Success without a value, or an Error.
template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : m_error(std::move(error)) {}

  bool ok() const { return !m_error; }
  explicit operator bool() const { return ok(); }
  const Error& error() const { return *m_error; }

 private:
  std::optional<Error> m_error;
};

using Status = Result<void>;

}  // namespace glancer

/// Propagates an error from a Result-returning expression: GLANCER_TRY(x, expr); uses x after.
#define GLANCER_TRY_CONCAT_(a, b) a##b
#define GLANCER_TRY_NAME_(a, b) GLANCER_TRY_CONCAT_(a, b)
#define GLANCER_TRY(var, expr)                          \
  auto GLANCER_TRY_NAME_(try_r_, __LINE__) = (expr);    \
  if (!GLANCER_TRY_NAME_(try_r_, __LINE__).ok())        \
    return GLANCER_TRY_NAME_(try_r_, __LINE__).error(); \
  auto var = std::move(GLANCER_TRY_NAME_(try_r_, __LINE__)).value()

/// Propagates an error from a Status expression.
#define GLANCER_CHECK(expr)                  \
  do {                                       \
    auto try_s_ = (expr);                    \
    if (!try_s_.ok()) return try_s_.error(); \
  } while (0)
