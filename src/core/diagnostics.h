#pragma once
/// A collector of located problems, so validation can report every problem at once.

#include <string>
#include <vector>

#include "core/result.h"

namespace glancer {

/// error fails the command; warning and note are printed and change nothing (a note says what
/// was done on the reader's behalf, e.g. files skipped).
enum class Severity { error, warning, note };

/// "error", "warning" or "note".
const char* severity_name(Severity severity);

/// One located problem.
struct Diagnostic {
  SourcePos where;
  Severity severity = Severity::error;
  std::string message;

  /// "file:line:col: error: message" ("warning: …", "note: …"; no position when unknown).
  std::string to_string() const;
};

/// Collects diagnostics; sorted() orders them by file, line, column for stable output.
class Diagnostics {
 public:
  void error(SourcePos where, std::string message);
  void warning(SourcePos where, std::string message);
  void note(SourcePos where, std::string message);

  bool has_errors() const;
  bool empty() const { return m_items.empty(); }
  size_t size() const { return m_items.size(); }
  const std::vector<Diagnostic>& items() const { return m_items; }

  /// Every diagnostic ordered by file, line, column, then insertion order.
  std::vector<Diagnostic> sorted() const;

  /// One Error (code invalid_manifest) whose message lists every error, sorted; for callers
  /// that need a Result. The first error's position becomes the Error's position.
  Error to_error() const;

 private:
  std::vector<Diagnostic> m_items;
};

}  // namespace glancer
