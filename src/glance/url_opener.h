#pragma once
/// UrlOpener: how a service without network access of its own (the embedded store, the API of
/// `glancer serve`) obtains the bytes of a web-download import. The command line wires it to
/// source/'s streamed UrlSource; a service given none does not offer web-download.

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "core/result.h"
#include "core/stream.h"

namespace glancer {

/// What bounds one web-download fetch.
struct UrlFetchLimits {
  /// The time the caller allows the import: the fetch gives up when no byte arrives for this
  /// long (at least 1 s), or for the opener's own stall timeout if that is shorter. Unset:
  /// the opener's own.
  std::optional<std::chrono::seconds> stall_limit;
  /// Polled while waiting for data: true aborts the fetch with `cancelled`. Null: never.
  const std::atomic<bool>* cancel = nullptr;
};

/// Opens `url` for a streamed read, returning once the response has started (so size() is
/// its Content-Length when the server sends one). Errors name the redacted URL and the HTTP
/// status or the transport failure.
using UrlOpener = std::function<Result<std::unique_ptr<ByteSource>>(const std::string& url,
                                                                    const UrlFetchLimits& limits)>;

}  // namespace glancer
