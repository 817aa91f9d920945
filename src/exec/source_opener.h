#pragma once
/// The seam through which apply reads image data: the executor never opens files or URLs
/// itself, so its actions are unit-tested with in-memory sources.

#include <atomic>
#include <memory>

#include "core/result.h"
#include "core/stream.h"
#include "manifest/desired_state.h"

namespace glancer {

/// Opens the data of an image's source (a local file or an upstream URL) as a stream.
class SourceOpener {
 public:
  virtual ~SourceOpener() = default;
  /// A stream of `source`'s data from its first byte: its `file` if set, else its `url`.
  /// Errors name the file or the redacted URL. `cancel`, when not null and set, aborts a
  /// transfer in progress with `cancelled` (Ctrl-C during a download).
  virtual Result<std::unique_ptr<ByteSource>> open(const ImageSource& source,
                                                   const std::atomic<bool>* cancel) = 0;
};

}  // namespace glancer
