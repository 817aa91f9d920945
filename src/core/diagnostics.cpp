#include "core/diagnostics.h"

#include <algorithm>
#include <tuple>

namespace glancer {

const char* severity_name(Severity severity) {
  switch (severity) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::note: return "note";
  }
  return "error";
}

std::string Diagnostic::to_string() const {
  std::string s = where.known() ? where.to_string() + ": " : std::string();
  return s + severity_name(severity) + ": " + message;
}

void Diagnostics::error(SourcePos where, std::string message) {
  m_items.push_back({std::move(where), Severity::error, std::move(message)});
}

void Diagnostics::warning(SourcePos where, std::string message) {
  m_items.push_back({std::move(where), Severity::warning, std::move(message)});
}

void Diagnostics::note(SourcePos where, std::string message) {
  m_items.push_back({std::move(where), Severity::note, std::move(message)});
}

bool Diagnostics::has_errors() const {
  return std::any_of(m_items.begin(), m_items.end(),
                     [](const Diagnostic& d) { return d.severity == Severity::error; });
}

std::vector<Diagnostic> Diagnostics::sorted() const {
  std::vector<Diagnostic> out = m_items;
  std::stable_sort(out.begin(), out.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.where.file, a.where.line, a.where.column) <
           std::tie(b.where.file, b.where.line, b.where.column);
  });
  return out;
}

Error Diagnostics::to_error() const {
  Error e{ErrorCode::invalid_manifest, "", {}};
  for (const Diagnostic& d : sorted()) {
    if (d.severity != Severity::error) continue;
    if (!e.message.empty()) e.message += "\n";
    e.message += d.to_string();
  }
  return e;
}

}  // namespace glancer
