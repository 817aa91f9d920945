#pragma once
/// How glancer talks to upstream mirrors (checksum files, HEAD probes, downloads): timeouts and
/// retries. A plain settings value in core, so the CLI can build it and hand it through exec
/// and plan to source/ without those modules seeing libcurl.

#include <atomic>
#include <functional>
#include <string>

#include "core/result.h"
#include "core/retry.h"

namespace glancer {

/// Settings of every mirror request. A mirror that accepts the connection and never answers
/// fails an attempt after answer_timeout_s; with the default retries the request gives up in
/// about a minute, each wait announced through `notice`.
struct MirrorOptions {
  long connect_timeout_s = 10;  ///< to establish the connection
  long answer_timeout_s = 10;   ///< from the connection to the response's status line
  long stall_timeout_s = 60;    ///< once data flows: abort when no byte arrives for this long
  /// Attempts and backoff: transport errors, timeouts, 429 and 5xx are retried until the
  /// response starts; a download that fails later is never resumed into a running upload.
  RetryPolicy retry;
  /// Receives one line per retry ("mirror: GET URL: no answer within 10 s; retry 2/6 in 4 s");
  /// null: silent. May be called from several threads.
  std::function<void(const std::string&)> notice;
  /// Polled while waiting: true aborts with `cancelled`. Null: never.
  const std::atomic<bool>* cancel = nullptr;
};

/// MirrorOptions from the environment: GLANCER_MIRROR_CONNECT_TIMEOUT,
/// GLANCER_MIRROR_ANSWER_TIMEOUT, GLANCER_MIRROR_STALL_TIMEOUT (seconds, at least 1) and
/// GLANCER_MIRROR_ATTEMPTS (at least 1); unset ones keep their defaults. invalid_argument
/// naming the variable when a value is not a positive whole number.
Result<MirrorOptions> mirror_options_from_env();

}  // namespace glancer
