#pragma once
/// Streaming byte interfaces: image data always flows through these in bounded chunks,
/// never as a whole image in memory.

#include <cstddef>
#include <cstdint>
#include <optional>

#include "core/result.h"

namespace glancer {

/// The chunk size used when copying image data (1 MiB).
inline constexpr size_t k_chunk_size = 1 << 20;

/// A readable stream of bytes (a file, an HTTP download, …).
class ByteSource {
 public:
  virtual ~ByteSource() = default;
  /// Reads up to `n` bytes into `buf`; returns 0 at end of stream.
  virtual Result<size_t> read(char* buf, size_t n) = 0;
  /// The total size if known in advance (lets HTTP send Content-Length).
  virtual std::optional<uint64_t> size() const = 0;
  /// Starts the stream again from its first byte, so a failed upload can be sent again;
  /// io error if this source cannot be read twice (the default).
  virtual Status rewind() { return fail(ErrorCode::io, "the data cannot be read a second time"); }
};

/// A writable stream of bytes.
class ByteSink {
 public:
  virtual ~ByteSink() = default;
  /// Writes all `n` bytes or fails.
  virtual Status write(const char* buf, size_t n) = 0;
};

/// Copies `from` into `to` in k_chunk_size chunks; returns the number of bytes copied.
Result<uint64_t> copy_stream(ByteSource& from, ByteSink& to);

}  // namespace glancer
