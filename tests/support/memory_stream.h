#pragma once
/// In-memory byte streams for tests: a source with knobs (declared size, failure after N bytes,
/// short reads, a hook after each read) and a sink that keeps what it is given.

#include <algorithm>
#include <functional>
#include <optional>
#include <string>

#include "core/stream.h"

namespace glancer::testing {

/// Serves `data`; declares its size unless told not to. Runs `on_read` after each read
/// (lets a test change the store mid-upload without threads). Fails after `fail_after` bytes.
class TestSource : public ByteSource {
 public:
  explicit TestSource(std::string data) : m_data(std::move(data)), m_declared(m_data.size()) {}

  TestSource& declare(std::optional<uint64_t> size) {
    m_declared = size;
    return *this;
  }
  TestSource& fail_after(size_t n) {
    m_fail_after = n;
    return *this;
  }
  TestSource& max_read(size_t n) {
    m_max_read = n;
    return *this;
  }
  TestSource& on_read(std::function<void(size_t delivered)> hook) {
    m_hook = std::move(hook);
    return *this;
  }

  Result<size_t> read(char* buf, size_t n) override {
    if (m_fail_after && m_pos >= *m_fail_after)
      return fail(ErrorCode::transport, "connection reset by test");
    size_t limit = m_fail_after ? *m_fail_after : m_data.size();
    size_t take = std::min({n, m_max_read, limit - m_pos, m_data.size() - m_pos});
    m_data.copy(buf, take, m_pos);
    m_pos += take;
    if (m_hook) m_hook(m_pos);
    return take;
  }
  std::optional<uint64_t> size() const override { return m_declared; }

 private:
  std::string m_data;
  std::optional<uint64_t> m_declared;
  std::optional<size_t> m_fail_after;
  size_t m_max_read = static_cast<size_t>(-1);
  size_t m_pos = 0;
  std::function<void(size_t)> m_hook;
};

/// Collects everything written; counts writes to check chunking.
class StringSink : public ByteSink {
 public:
  Status write(const char* buf, size_t n) override {
    data.append(buf, n);
    ++writes;
    return {};
  }
  std::string data;
  int writes = 0;
};

}  // namespace glancer::testing
