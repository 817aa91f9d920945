#pragma once
/// A transfer that a second Ctrl-C stops: the flag is checked before every read, so an upload
/// in flight fails within one chunk and its action removes the unfinished image.

#include <atomic>
#include <string>

#include "core/stream.h"

namespace glancer {

/// Passes `inner` through until `*abort` is set, then fails every read with `cancelled`
/// "WHAT was aborted (Ctrl-C)". A null `abort` never aborts.
class AbortableSource final : public ByteSource {
 public:
  AbortableSource(ByteSource& inner, const std::atomic<bool>* abort, std::string what)
      : m_inner(inner), m_abort(abort), m_what(std::move(what)) {}

  Result<size_t> read(char* buf, size_t n) override {
    if (m_abort && m_abort->load())
      return fail(ErrorCode::cancelled, m_what + " was aborted (Ctrl-C)");
    return m_inner.read(buf, n);
  }
  std::optional<uint64_t> size() const override { return m_inner.size(); }
  Status rewind() override { return m_inner.rewind(); }

 private:
  ByteSource& m_inner;
  const std::atomic<bool>* m_abort;
  std::string m_what;
};

}  // namespace glancer
