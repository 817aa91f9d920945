#include "exec/verifying_source.h"

namespace glancer {

VerifyingSource::VerifyingSource(ByteSource& inner, HashAlgo algo, Progress progress)
    : m_inner(inner),
      m_algo(algo),
      m_hash(algo),
      m_md5(HashAlgo::md5),
      m_algo_is_md5(algo == HashAlgo::md5),
      m_progress(std::move(progress)) {}

Result<size_t> VerifyingSource::read(char* buf, size_t n) {
  GLANCER_TRY(got, m_inner.read(buf, n));
  if (got > 0) {
    m_hash.update(buf, got);
    if (!m_algo_is_md5) m_md5.update(buf, got);
    m_bytes += got;
    if (m_progress) m_progress(m_bytes, m_inner.size());
  }
  return got;
}

Status VerifyingSource::rewind() {
  GLANCER_CHECK(m_inner.rewind());
  m_hash = Hasher(m_algo);
  m_md5 = Hasher(HashAlgo::md5);
  m_bytes = 0;
  m_md5_hex.clear();
  if (m_progress) m_progress(0, m_inner.size());
  return {};
}

Digest VerifyingSource::digest() {
  Digest d{m_hash.algo(), m_hash.finish()};
  if (m_algo_is_md5) m_md5_hex = d.hex;
  return d;
}

std::string VerifyingSource::md5() {
  if (m_algo_is_md5) return m_md5_hex;
  return m_md5.finish();
}

}  // namespace glancer
