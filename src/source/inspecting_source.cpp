#include "source/inspecting_source.h"

#include <algorithm>

namespace glancer {

InspectingSource::InspectingSource(ByteSource& inner, std::string disk_format,
                                   bool allow_external_files, std::string what)
    : m_inner(inner),
      m_disk_format(std::move(disk_format)),
      m_allow_external_files(allow_external_files),
      m_what(std::move(what)) {}

Status InspectingSource::judge(bool at_end) {
  // Without the end, only a format whose magic is in the head can be judged (tail unknown).
  ImageInspection inspection =
      inspect_image(m_head, at_end ? m_tail : std::string(), at_end ? m_bytes : 0);
  if (!at_end && !format_known_from_head(inspection.format)) return {};
  m_judged = true;
  auto findings = content_findings(inspection, m_disk_format, m_allow_external_files);
  if (findings.empty()) return {};
  std::string message = m_what + ": ";
  for (size_t i = 0; i < findings.size(); ++i) message += (i ? "; " : "") + findings[i];
  return fail(ErrorCode::forbidden, message);
}

Result<size_t> InspectingSource::read(char* buf, size_t n) {
  GLANCER_TRY(got, m_inner.read(buf, n));
  if (m_judged) return got;
  if (got == 0) {
    GLANCER_CHECK(judge(/*at_end=*/true));
    return got;
  }
  bool head_was_full = m_head.size() == k_inspect_head_bytes;
  m_head.append(buf, std::min(got, k_inspect_head_bytes - m_head.size()));
  if (got >= k_inspect_tail_bytes) {
    m_tail.assign(buf + got - k_inspect_tail_bytes, k_inspect_tail_bytes);
  } else {
    m_tail.append(buf, got);
    if (m_tail.size() > k_inspect_tail_bytes) m_tail.erase(0, m_tail.size() - k_inspect_tail_bytes);
  }
  m_bytes += got;
  if (!head_was_full && m_head.size() == k_inspect_head_bytes)
    GLANCER_CHECK(judge(/*at_end=*/false));
  return got;
}

}  // namespace glancer
