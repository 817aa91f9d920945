#include "source/inspecting_source.h"

namespace glancer {

Status check_content(const ImageInspection& inspection, const std::string& disk_format,
                     bool allow_external_files, const std::string& what) {
  auto findings = content_findings(inspection, disk_format, allow_external_files);
  if (findings.empty()) return {};
  std::string message = what + ": ";
  for (size_t i = 0; i < findings.size(); ++i) message += (i ? "; " : "") + findings[i];
  return fail(ErrorCode::forbidden, message);
}

InspectingSource::InspectingSource(ByteSource& inner, std::string disk_format,
                                   bool allow_external_files, std::string what)
    : m_inner(inner),
      m_disk_format(std::move(disk_format)),
      m_allow_external_files(allow_external_files),
      m_what(std::move(what)) {}

Status InspectingSource::judge(bool at_end) {
  // Without the end, only a format whose magic is in the head can be judged (tail unknown).
  ImageInspection inspection = at_end ? m_window.inspect_whole() : m_window.inspect_head();
  if (!at_end && !format_known_from_head(inspection.format)) return {};
  m_judged = true;
  return check_content(inspection, m_disk_format, m_allow_external_files, m_what);
}

Result<size_t> InspectingSource::read(char* buf, size_t n) {
  GLANCER_TRY(got, m_inner.read(buf, n));
  if (m_judged) return got;
  if (got == 0) {
    GLANCER_CHECK(judge(/*at_end=*/true));
    return got;
  }
  const bool head_was_full = m_window.head_full();
  m_window.add(buf, got);
  const std::optional<uint64_t> declared = m_inner.size();
  if (declared && m_window.bytes() >= *declared)
    GLANCER_CHECK(judge(/*at_end=*/true));
  else if (!head_was_full && m_window.head_full())
    GLANCER_CHECK(judge(/*at_end=*/false));
  return got;
}

Status InspectingSource::rewind() {
  GLANCER_CHECK(m_inner.rewind());
  m_window.clear();
  m_judged = false;
  return {};
}

}  // namespace glancer
