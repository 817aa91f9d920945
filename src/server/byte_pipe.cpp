#include "server/byte_pipe.h"

#include <algorithm>
#include <chrono>
#include <cstring>

namespace glancer {

namespace {
constexpr auto k_poll = std::chrono::milliseconds(100);
}

BytePipe::BytePipe(size_t capacity, const std::atomic<bool>* stopping)
    : m_capacity(std::max<size_t>(capacity, 1)), m_stopping(stopping) {}

bool BytePipe::write(const char* data, size_t n) {
  std::unique_lock lock(m_mutex);
  while (n > 0) {
    while (m_buffered >= m_capacity && !m_reader_closed && !stopping())
      m_changed.wait_for(lock, k_poll);
    if (m_reader_closed || stopping()) return false;
    size_t take = std::min(n, m_capacity - m_buffered);
    m_chunks.emplace_back(data, take);
    m_buffered += take;
    data += take;
    n -= take;
    m_changed.notify_all();
  }
  return true;
}

void BytePipe::close_writer(std::optional<Error> error) {
  std::lock_guard lock(m_mutex);
  m_writer_closed = true;
  m_error = std::move(error);
  m_changed.notify_all();
}

Result<size_t> BytePipe::read(char* buf, size_t n) {
  std::unique_lock lock(m_mutex);
  while (m_chunks.empty() && !m_writer_closed && !stopping()) m_changed.wait_for(lock, k_poll);
  if (stopping()) return fail(ErrorCode::cancelled, "the server is shutting down");
  if (m_chunks.empty()) {
    if (m_error) return *m_error;
    return size_t{0};
  }
  size_t copied = 0;
  while (copied < n && !m_chunks.empty()) {
    const std::string& front = m_chunks.front();
    size_t take = std::min(n - copied, front.size() - m_front_offset);
    std::memcpy(buf + copied, front.data() + m_front_offset, take);
    copied += take;
    m_front_offset += take;
    if (m_front_offset == front.size()) {
      m_chunks.pop_front();
      m_front_offset = 0;
    }
  }
  m_buffered -= copied;
  m_changed.notify_all();
  return copied;
}

void BytePipe::close_reader() {
  std::lock_guard lock(m_mutex);
  m_reader_closed = true;
  m_chunks.clear();
  m_buffered = 0;
  m_changed.notify_all();
}

}  // namespace glancer
