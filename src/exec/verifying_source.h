#pragma once
/// Wraps a source to hash what actually flows to the service, so the upload is verified against
/// the planned digest and against what the service computed, without reading the data twice.

#include <functional>

#include "core/hashing.h"
#include "core/stream.h"

namespace glancer {

/// A pass-through ByteSource computing the planned algorithm's digest and md5 as bytes flow.
class VerifyingSource : public ByteSource {
 public:
  using Progress = std::function<void(uint64_t bytes, std::optional<uint64_t> total)>;
  VerifyingSource(ByteSource& inner, HashAlgo algo, Progress progress);

  Result<size_t> read(char* buf, size_t n) override;
  std::optional<uint64_t> size() const override { return m_inner.size(); }
  /// Rewinds the inner source and starts both digests and the byte count afresh.
  Status rewind() override;

  uint64_t bytes() const { return m_bytes; }
  /// The digest in the planned algorithm; call once, after the stream ended.
  Digest digest();
  /// The md5 hex (Glance's `checksum`); call once, after the stream ended.
  std::string md5();

 private:
  ByteSource& m_inner;
  HashAlgo m_algo;
  Hasher m_hash;
  Hasher m_md5;
  bool m_algo_is_md5;
  Progress m_progress;
  uint64_t m_bytes = 0;
  std::string m_md5_hex;
};

}  // namespace glancer
