#pragma once
/// Retrying a mirror request under the one RetryPolicy (core/retry.h), with every wait
/// announced, before its response has started. Kept apart from libcurl so that unit tests
/// drive it with scripted attempts and an injected sleep.

#include <chrono>
#include <random>
#include <string>

#include "core/mirror_options.h"
#include "core/result.h"

namespace glancer {

/// "0.5 s", "4 s": how a wait is announced.
std::string wait_text(std::chrono::milliseconds wait);

/// The error of a request to `url` that is not made because its mirror gave up earlier in
/// this run with `reason`.
Error mirror_gave_up_earlier(const std::string& url, const std::string& reason);

/// Runs `attempt(transient)` for a request to `url` until it succeeds, fails with `transient`
/// left false, is cancelled, or has run options.retry.max_attempts times. Before each retry it
/// announces "mirror: <error>; retry N/M in T" through options.notice and waits options.retry's
/// backoff (through its injectable sleep). The last failure, after more than one attempt,
/// says "(gave up after M attempts)". A request that gave up on transient failures marks its
/// mirror in options.unreachable; a later request to a marked mirror fails at once
/// (mirror_gave_up_earlier) without an attempt.
template <class T, class Attempt>
Result<T> retry_mirror_request(const MirrorOptions& options, const std::string& url,
                               Attempt&& attempt) {
  if (options.unreachable)
    if (auto reason = options.unreachable->find(url)) return mirror_gave_up_earlier(url, *reason);
  thread_local std::mt19937_64 rng{std::random_device{}()};
  const int attempts = std::max(1, options.retry.max_attempts);
  for (int n = 1;; ++n) {
    bool transient = false;
    Result<T> result = attempt(transient);
    if (result.ok()) return result;
    const bool cancelled = options.cancel && options.cancel->load();
    if (!transient || cancelled || n >= attempts) {
      if (transient && !cancelled && options.unreachable)
        options.unreachable->record(url, result.error().message);
      if (n == 1) return result;
      Error error = result.error();
      error.message += " (gave up after " + std::to_string(n) + " attempts)";
      return error;
    }
    const std::chrono::milliseconds wait = options.retry.delay(n, "", rng);
    if (options.notice)
      options.notice("mirror: " + result.error().message + "; retry " + std::to_string(n + 1) +
                     "/" + std::to_string(attempts) + " in " + wait_text(wait));
    options.retry.wait(wait);
  }
}

}  // namespace glancer
