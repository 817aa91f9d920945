#pragma once
/// The content check again on the bytes actually uploaded: a pass-through ByteSource that keeps
/// the head and tail of the stream (format_inspector.h) and fails the upload when the data does
/// not match its declared disk_format, in constant memory.

#include <string>

#include "core/stream.h"
#include "source/format_inspector.h"
#include "source/inspection_window.h"

namespace glancer {

/// forbidden "WHAT: FINDING; FINDING…" when content_findings() refuses `inspection` as
/// `disk_format`; success when it has no finding.
Status check_content(const ImageInspection& inspection, const std::string& disk_format,
                     bool allow_external_files, const std::string& what);

/// Passes `inner` through; fails a read with check_content's error as soon as the data is
/// judged: when the head is complete for formats known from their first bytes, else at the end
/// of the stream (raw, iso and fixed vhd need the tail). The end is the read that completes
/// the inner source's declared size() — so a reader that stops there (an HTTP client sending
/// Content-Length bytes) still gets the verdict, before the last bytes go out — or, when no
/// size is declared, the read that returns 0.
class InspectingSource : public ByteSource {
 public:
  InspectingSource(ByteSource& inner, std::string disk_format, bool allow_external_files,
                   std::string what);

  Result<size_t> read(char* buf, size_t n) override;
  std::optional<uint64_t> size() const override { return m_inner.size(); }
  /// Rewinds the inner source and inspects the stream afresh.
  Status rewind() override;

 private:
  Status judge(bool at_end);

  ByteSource& m_inner;
  std::string m_disk_format;
  bool m_allow_external_files;
  std::string m_what;
  InspectionWindow m_window;
  bool m_judged = false;
};

}  // namespace glancer
