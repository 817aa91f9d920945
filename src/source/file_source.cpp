#include "source/file_source.h"

#include <cerrno>
#include <cstring>
#include <vector>

namespace glancer {

Result<std::unique_ptr<FileSource>> FileSource::open(const std::filesystem::path& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return fail(ErrorCode::io, "cannot open " + path.string() + ": " + std::strerror(errno));
  std::error_code ec;
  uint64_t size = std::filesystem::file_size(path, ec);
  if (ec) {
    std::fclose(f);
    return fail(ErrorCode::io, "cannot stat " + path.string() + ": " + ec.message());
  }
  return std::unique_ptr<FileSource>(new FileSource(f, path, size));
}

FileSource::~FileSource() {
  std::fclose(m_file);
}

Result<size_t> FileSource::read(char* buf, size_t n) {
  size_t got = std::fread(buf, 1, n, m_file);
  if (got < n && std::ferror(m_file))
    return fail(ErrorCode::io, "cannot read " + m_path.string() + ": " + std::strerror(errno));
  return got;
}

Status FileSource::rewind() {
  if (std::fseek(m_file, 0, SEEK_SET) != 0)
    return fail(ErrorCode::io, "cannot rewind " + m_path.string() + ": " + std::strerror(errno));
  std::clearerr(m_file);
  return {};
}

Result<Digest> digest_file(const std::filesystem::path& path, HashAlgo algo) {
  GLANCER_TRY(source, FileSource::open(path));
  Hasher hasher(algo);
  std::vector<char> buf(k_chunk_size);
  for (;;) {
    GLANCER_TRY(n, source->read(buf.data(), buf.size()));
    if (n == 0) break;
    hasher.update(buf.data(), n);
  }
  return Digest{algo, hasher.finish()};
}

}  // namespace glancer
