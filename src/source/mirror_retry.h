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

/// Runs `attempt(transient)` until it succeeds, fails with `transient` left false, is
/// cancelled, or has run options.retry.max_attempts times. Before each retry it announces
/// "mirror: <error>; retry N/M in T" through options.notice and waits options.retry's
/// backoff (through its injectable sleep). The last failure, after more than one attempt,
/// says "(gave up after M attempts)".
template <class T, class Attempt>
Result<T> retry_mirror_request(const MirrorOptions& options, Attempt&& attempt) {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  const int attempts = std::max(1, options.retry.max_attempts);
  for (int n = 1;; ++n) {
    bool transient = false;
    Result<T> result = attempt(transient);
    if (result.ok()) return result;
    const bool cancelled = options.cancel && options.cancel->load();
    if (!transient || cancelled || n >= attempts) {
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
