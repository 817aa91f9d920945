#pragma once
/// The content check again on the bytes actually uploaded: a pass-through ByteSource that keeps
/// the head and tail of the stream (format_inspector.h) and fails the upload when the data does
/// not match its declared disk_format, in constant memory.

#include <string>

#include "core/stream.h"
#include "source/format_inspector.h"

namespace glancer {

/// Passes `inner` through; fails a read with `forbidden` ("WHAT: FINDING; …") as soon as the
/// data is judged: when the head is complete for formats known from their first bytes, else at
/// the end of the stream (raw, iso and fixed vhd need the tail).
class InspectingSource : public ByteSource {
 public:
  InspectingSource(ByteSource& inner, std::string disk_format, bool allow_external_files,
                   std::string what);

  Result<size_t> read(char* buf, size_t n) override;
  std::optional<uint64_t> size() const override { return m_inner.size(); }

 private:
  Status judge(bool at_end);

  ByteSource& m_inner;
  std::string m_disk_format;
  bool m_allow_external_files;
  std::string m_what;
  std::string m_head;
  std::string m_tail;  ///< the last k_inspect_tail_bytes seen
  uint64_t m_bytes = 0;
  bool m_judged = false;
};

}  // namespace glancer
