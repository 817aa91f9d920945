#pragma once
/// The two views of a stream that content inspection reads (source/format_inspector.h): its first
/// k_inspect_head_bytes and its last k_inspect_tail_bytes, kept in constant memory while the
/// bytes flow by, whatever the size of the reads.

#include <cstddef>
#include <cstdint>
#include <string>

#include "source/format_inspector.h"

namespace glancer {

/// Keeps the head and the tail of everything passed to add(); bounded by
/// k_inspect_head_bytes + k_inspect_tail_bytes whatever the stream's length.
class InspectionWindow {
 public:
  /// Takes the next `n` bytes of the stream.
  void add(const char* data, size_t n);
  /// Forgets everything (the stream starts again).
  void clear();

  /// The first min(bytes(), k_inspect_head_bytes) bytes.
  const std::string& head() const { return m_head; }
  /// The last min(bytes(), k_inspect_tail_bytes) bytes.
  const std::string& tail() const { return m_tail; }
  /// Bytes seen so far.
  uint64_t bytes() const { return m_bytes; }
  /// True once the head holds k_inspect_head_bytes.
  bool head_full() const { return m_head.size() == k_inspect_head_bytes; }

  /// inspect_image over the head alone (the end is not known yet: no tail, size 0).
  ImageInspection inspect_head() const;
  /// inspect_image over the head and tail of a stream that ended after bytes() bytes.
  ImageInspection inspect_whole() const;

 private:
  std::string m_head;
  std::string m_tail;
  uint64_t m_bytes = 0;
};

}  // namespace glancer
