#pragma once
/// A bounded in-memory pipe between a thread that pushes bytes (an HTTP body receiver, a
/// libcurl write callback) and one that pulls them through ByteSource (ImageService::upload).
/// Memory stays under the capacity however large the stream is.

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>

#include "core/result.h"
#include "core/stream.h"

namespace glancer {

class BytePipe {
 public:
  /// `stopping`, if given, is polled while blocked: once true, both ends fail with `cancelled`.
  explicit BytePipe(size_t capacity, const std::atomic<bool>* stopping = nullptr);

  /// Producer: appends bytes, blocking while the pipe is full. False when the consumer has
  /// gone away or the server is stopping (stop sending).
  bool write(const char* data, size_t n);
  /// Producer: the stream is complete (no error) or broken (`error`, seen by the consumer).
  void close_writer(std::optional<Error> error = std::nullopt);

  /// Consumer: up to `n` bytes, blocking until some arrive; 0 at a clean end; the writer's
  /// error, or `cancelled` when stopping.
  Result<size_t> read(char* buf, size_t n);
  /// Consumer: no more reads will happen; unblocks and fails the producer's writes.
  void close_reader();

 private:
  bool stopping() const { return m_stopping && m_stopping->load(); }

  const size_t m_capacity;
  const std::atomic<bool>* m_stopping;
  std::mutex m_mutex;
  std::condition_variable m_changed;
  std::deque<std::string> m_chunks;
  size_t m_front_offset = 0;  // bytes of m_chunks.front() already read
  size_t m_buffered = 0;
  bool m_writer_closed = false;
  bool m_reader_closed = false;
  std::optional<Error> m_error;
};

/// The consumer end of a BytePipe as a ByteSource with a declared size (if known).
class PipeSource : public ByteSource {
 public:
  PipeSource(BytePipe& pipe, std::optional<uint64_t> size) : m_pipe(pipe), m_size(size) {}
  Result<size_t> read(char* buf, size_t n) override { return m_pipe.read(buf, n); }
  std::optional<uint64_t> size() const override { return m_size; }

 private:
  BytePipe& m_pipe;
  std::optional<uint64_t> m_size;
};

}  // namespace glancer
