#include "source/inspection_window.h"

#include <algorithm>

namespace glancer {

void InspectionWindow::add(const char* data, size_t n) {
  m_head.append(data, std::min(n, k_inspect_head_bytes - m_head.size()));
  if (n >= k_inspect_tail_bytes) {
    m_tail.assign(data + n - k_inspect_tail_bytes, k_inspect_tail_bytes);
  } else {
    m_tail.append(data, n);
    if (m_tail.size() > k_inspect_tail_bytes) m_tail.erase(0, m_tail.size() - k_inspect_tail_bytes);
  }
  m_bytes += n;
}

void InspectionWindow::clear() {
  m_head.clear();
  m_tail.clear();
  m_bytes = 0;
}

ImageInspection InspectionWindow::inspect_head() const {
  return inspect_image(m_head, std::string(), 0);
}

ImageInspection InspectionWindow::inspect_whole() const {
  return inspect_image(m_head, m_tail, m_bytes);
}

}  // namespace glancer
