#pragma once
/// Image data from a local file, streamed in chunks.

#include <cstdio>
#include <filesystem>
#include <memory>

#include "core/hashing.h"
#include "core/stream.h"

namespace glancer {

/// A ByteSource reading a local file; size() is the file size at open time.
class FileSource : public ByteSource {
 public:
  /// Opens `path` for reading; io error naming the path if it cannot.
  static Result<std::unique_ptr<FileSource>> open(const std::filesystem::path& path);
  ~FileSource() override;

  Result<size_t> read(char* buf, size_t n) override;
  std::optional<uint64_t> size() const override { return m_size; }
  /// Seeks back to the start of the file.
  Status rewind() override;

 private:
  FileSource(std::FILE* f, std::filesystem::path path, uint64_t size)
      : m_file(f), m_path(std::move(path)), m_size(size) {}
  std::FILE* m_file;
  std::filesystem::path m_path;
  uint64_t m_size;
};

/// Streams the file through `algo` and returns its digest (constant memory).
Result<Digest> digest_file(const std::filesystem::path& path, HashAlgo algo);

}  // namespace glancer
