#pragma once
/// An in-memory ByteSource for tests that upload small data.

#include <algorithm>
#include <string>

#include "core/stream.h"

namespace glancer::testing {

/// Serves `data` in reads of any size; declares its size; can be rewound.
class StringSource final : public ByteSource {
 public:
  explicit StringSource(std::string data) : m_data(std::move(data)) {}
  Result<size_t> read(char* buf, size_t n) override {
    size_t take = std::min(n, m_data.size() - m_pos);
    m_data.copy(buf, take, m_pos);
    m_pos += take;
    return take;
  }
  std::optional<uint64_t> size() const override { return m_data.size(); }
  Status rewind() override {
    m_pos = 0;
    return {};
  }

 private:
  std::string m_data;
  size_t m_pos = 0;
};

}  // namespace glancer::testing
