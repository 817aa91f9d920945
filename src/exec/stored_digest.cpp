#include "exec/stored_digest.h"

#include <algorithm>

#include "source/inspecting_source.h"
#include "source/inspection_window.h"

namespace glancer {

namespace {

// Hashes what it is given (when asked to) and keeps its head and tail for inspection.
class HashingSink : public ByteSink {
 public:
  explicit HashingSink(HashAlgo algo) : m_hasher(algo) {}
  Status write(const char* buf, size_t n) override {
    m_hasher.update(buf, n);
    m_window.add(buf, n);
    return {};
  }
  std::string finish() { return m_hasher.finish(); }
  const InspectionWindow& window() const { return m_window; }

 private:
  Hasher m_hasher;
  InspectionWindow m_window;
};

// The digest the service computed itself, when it is in `algo`.
std::optional<Digest> service_digest(const Image& image, HashAlgo algo) {
  if (algo == HashAlgo::md5 && image.checksum) return Digest{algo, *image.checksum};
  if (image.os_hash_algo && parse_hash_algo(*image.os_hash_algo) == algo && image.os_hash_value)
    return Digest{algo, *image.os_hash_value};
  return std::nullopt;
}

// Only the bytes inspection reads: the head, then the tail. A service that ignores the
// range sends the whole image, and the window still keeps the right bytes.
Result<ImageInspection> inspect_ranges(ImageService& service, const Image& image, uint64_t size) {
  struct WindowSink : ByteSink {
    InspectionWindow window;
    Status write(const char* buf, size_t n) override {
      window.add(buf, n);
      return {};
    }
  } head, tail;
  if (size == 0) return inspect_image("", "", 0);
  GLANCER_CHECK(service.download(image.id, head,
                                 ByteRange{0, std::min<uint64_t>(size, k_inspect_head_bytes) - 1}));
  if (size > k_inspect_head_bytes)
    GLANCER_CHECK(service.download(image.id, tail, ByteRange{size - k_inspect_tail_bytes, {}}));
  else
    tail.window = head.window;
  return inspect_image(head.window.head(), tail.window.tail(), size);
}

}  // namespace

Result<Digest> stored_digest(ImageService& service, const Image& image, HashAlgo algo) {
  if (auto known = service_digest(image, algo)) return *known;
  HashingSink sink(algo);
  GLANCER_CHECK(service.download(image.id, sink));
  return Digest{algo, sink.finish()};
}

Result<InspectedDigest> stored_digest_inspected(ImageService& service, const Image& image,
                                                HashAlgo algo, const ContentRule& rule) {
  auto digest = service_digest(image, algo);
  ImageInspection inspection;
  if (digest && image.size && *image.size >= 0) {
    GLANCER_TRY(ranged, inspect_ranges(service, image, static_cast<uint64_t>(*image.size)));
    inspection = std::move(ranged);
  } else {
    HashingSink sink(algo);
    GLANCER_CHECK(service.download(image.id, sink));
    if (!digest) digest = Digest{algo, sink.finish()};
    inspection = sink.window().inspect_whole();
  }
  return InspectedDigest{
      *digest, check_content(inspection, rule.disk_format, rule.allow_external_files, rule.what)};
}

}  // namespace glancer
