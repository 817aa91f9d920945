#include "exec/stored_digest.h"

namespace glancer {

namespace {

class HashingSink : public ByteSink {
 public:
  explicit HashingSink(HashAlgo algo) : m_hasher(algo) {}
  Status write(const char* buf, size_t n) override {
    m_hasher.update(buf, n);
    return {};
  }
  std::string finish() { return m_hasher.finish(); }

 private:
  Hasher m_hasher;
};

}  // namespace

Result<Digest> stored_digest(ImageService& service, const Image& image, HashAlgo algo) {
  if (algo == HashAlgo::md5 && image.checksum) return Digest{algo, *image.checksum};
  if (image.os_hash_algo && parse_hash_algo(*image.os_hash_algo) == algo && image.os_hash_value)
    return Digest{algo, *image.os_hash_value};
  HashingSink sink(algo);
  GLANCER_CHECK(service.download(image.id, sink));
  return Digest{algo, sink.finish()};
}

}  // namespace glancer
