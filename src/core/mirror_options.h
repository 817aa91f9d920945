#pragma once
/// How glancer talks to upstream mirrors (checksum files, HEAD probes, downloads): timeouts and
/// retries. A plain settings value in core, so the CLI can build it and hand it through exec
/// and plan to source/ without those modules seeing libcurl.

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "core/retry.h"

namespace glancer {

/// "scheme://host:port" of a URL (the part before its path), as written.
std::string url_origin(std::string_view url);

/// The mirrors that gave up during one run. A mirror that is down costs its retries once, not
/// once per checksum file and image: after one request to it has given up, the others of the
/// same run fail at once (the catalogue has a dozen URLs on a few mirrors). Thread-safe.
class UnreachableMirrors {
 public:
  /// Why the origin of `url` gave up earlier, if it did.
  std::optional<std::string> find(std::string_view url) const;
  /// Records that the origin of `url` gave up with `reason`; the first reason is kept.
  void record(std::string_view url, const std::string& reason);

 private:
  mutable std::mutex m_mutex;
  std::map<std::string, std::string, std::less<>> m_down;  // origin → first reason
};

/// Settings of every mirror request. A mirror that accepts the connection and never answers
/// fails an attempt after answer_timeout_s; with the default retries the request gives up in
/// about 40 s, each wait announced through `notice`.
struct MirrorOptions {
  long connect_timeout_s = 10;  ///< to establish the connection
  long answer_timeout_s = 5;    ///< from the request to the response's status line
  long stall_timeout_s = 60;    ///< once data flows: abort when no byte arrives for this long
  /// Attempts and backoff: transport errors, timeouts, 429 and 5xx are retried until the
  /// response starts; a download that fails later is never resumed into a running upload.
  RetryPolicy retry;
  /// Receives one line per retry ("mirror: GET URL: no answer within 5 s; retry 2/6 in 4.0 s");
  /// null: silent. May be called from several threads.
  std::function<void(const std::string&)> notice;
  /// Shared by the requests of one run: a mirror that gave up is not asked again. Null: every
  /// request runs its own retries.
  std::shared_ptr<UnreachableMirrors> unreachable;
  /// Polled while waiting: true aborts with `cancelled`. Null: never.
  const std::atomic<bool>* cancel = nullptr;
};

/// MirrorOptions from the environment: GLANCER_MIRROR_CONNECT_TIMEOUT,
/// GLANCER_MIRROR_ANSWER_TIMEOUT, GLANCER_MIRROR_STALL_TIMEOUT (seconds, at least 1) and
/// GLANCER_MIRROR_ATTEMPTS (at least 1); unset ones keep their defaults; with a fresh
/// UnreachableMirrors for the run. invalid_argument
/// naming the variable when a value is not a positive whole number.
Result<MirrorOptions> mirror_options_from_env();

}  // namespace glancer
