#include "core/stream.h"

#include <vector>

namespace glancer {

Result<uint64_t> copy_stream(ByteSource& from, ByteSink& to) {
  std::vector<char> buf(k_chunk_size);
  uint64_t total = 0;
  for (;;) {
    GLANCER_TRY(n, from.read(buf.data(), buf.size()));
    if (n == 0) return total;
    GLANCER_CHECK(to.write(buf.data(), n));
    total += n;
  }
}

}  // namespace glancer
