#pragma once
/// The one retry policy of glancer's HTTP clients (Glance and Keystone in cloud/, upstream
/// mirrors in source/): which failures are transient, how many attempts, and how long to wait
/// between them (exponential backoff with jitter, Retry-After).

#include <chrono>
#include <functional>
#include <random>
#include <string>

#include "core/result.h"

namespace glancer {

/// Transport errors, timeouts and 429/500/502/503/504 are transient and retried with exponential
/// backoff and jitter, up to max_attempts in all; a Retry-After (seconds) is honoured when larger
/// than the backoff (capped at max_delay). What may be retried is the caller's business:
/// HttpImageService retries only requests whose repetition is harmless (see its contract);
/// mirror requests are retried until their response starts (source/url_source.h).
struct RetryPolicy {
  int max_attempts = 6;
  std::chrono::milliseconds base_delay{500};
  std::chrono::milliseconds max_delay{8000};
  /// How to wait; injectable so tests don't sleep. Unset: a real sleep (see wait()).
  std::function<void(std::chrono::milliseconds)> sleep;

  /// Waits `d`: through `sleep` when set, else on this thread.
  void wait(std::chrono::milliseconds d) const;

  /// The wait before attempt `attempt + 1` (attempt counts from 1): a random value in
  /// [cap/2, cap] where cap = min(max_delay, base_delay * 2^(attempt-1)), or the Retry-After
  /// seconds when that is larger (never beyond max_delay).
  std::chrono::milliseconds delay(int attempt, const std::string& retry_after,
                                  std::mt19937_64& rng) const;
};

/// Whether an HTTP status is worth retrying (429, 500, 502, 503, 504).
bool retryable_status(long status);
/// Whether a failed send (no response) is worth retrying: transport errors and timeouts.
bool retryable_error(const Error& error);

}  // namespace glancer
