#include "core/retry.h"

#include <algorithm>
#include <thread>

namespace glancer {

std::chrono::milliseconds RetryPolicy::delay(int attempt, const std::string& retry_after,
                                             std::mt19937_64& rng) const {
  const int shift = std::clamp(attempt - 1, 0, 30);
  long long cap = std::min<long long>(max_delay.count(), base_delay.count() << shift);
  std::uniform_int_distribution<long long> pick(cap / 2, std::max<long long>(cap, 1));
  std::chrono::milliseconds wait(pick(rng));
  if (!retry_after.empty() && retry_after.size() < 9 &&
      std::all_of(retry_after.begin(), retry_after.end(),
                  [](char c) { return c >= '0' && c <= '9'; }))
    wait = std::max(wait, std::min<std::chrono::milliseconds>(
                              std::chrono::seconds(std::stoll(retry_after)), max_delay));
  return wait;
}

void RetryPolicy::wait(std::chrono::milliseconds d) const {
  if (sleep)
    sleep(d);
  else
    std::this_thread::sleep_for(d);
}

bool retryable_status(long s) {
  return s == 429 || s == 500 || s == 502 || s == 503 || s == 504;
}

bool retryable_error(const Error& error) {
  return error.code == ErrorCode::transport || error.code == ErrorCode::timeout;
}

}  // namespace glancer
