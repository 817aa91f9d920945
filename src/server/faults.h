#pragma once
/// Fault injection for `glancer serve --faults SPEC`: a seeded, deterministic choice of which
/// requests fail and how (an error status, a dropped connection, a stall, a cut-off body), made
/// either before the request takes effect or after it did (the response is then lost), so
/// clients' retries and idempotency can be tested against real failures.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"

namespace glancer {

/// What a faulty request suffers.
enum class FaultKind {
  status_500,  ///< 500 Internal Server Error
  status_503,  ///< 503 Service Unavailable with Retry-After: 1
  status_429,  ///< 429 Too Many Requests with Retry-After: 1
  reset,       ///< status line and headers, then the connection drops before any body byte
  stall,       ///< the response is delayed by FaultSpec::stall, then served normally
  truncate,    ///< the real response is sent with only half of its body, then the connection drops
};

/// "500", "503", "429", "reset", "stall", "truncate".
const char* fault_kind_name(FaultKind kind);

/// The parsed `--faults` specification, comma-separated key=value pairs:
///   rate=0.2                     probability that a matching request is faulty (0..1, required)
///   kinds=500+503+429+reset+stall+truncate   the faults drawn from (default: all)
///   when=before+after            before: the request never takes effect; after: it does and
///                                its response is what fails (default: both, drawn per fault)
///   seed=7                       the random seed (default 1)
///   match=TEXT                   only requests whose "METHOD /path?query" contains TEXT
///   skip=N                       the first N matching requests are never faulty (default 0)
///   stall=MS                     how long a stall lasts (default 1500 ms)
///   page=N                       caps image-list pages at N images (to exercise paging)
struct FaultSpec {
  double rate = 0;
  std::vector<FaultKind> kinds;
  bool before = true;
  bool after = true;
  uint64_t seed = 1;
  std::string match;
  uint64_t skip = 0;
  std::chrono::milliseconds stall{1500};
  size_t page = 0;
};

/// Parses a spec; invalid_argument naming the bad part.
Result<FaultSpec> parse_fault_spec(const std::string& text);

/// One decision: what goes wrong, and whether before or after the request takes effect.
/// `truncate` is always after (it cuts the real response).
struct Fault {
  FaultKind kind = FaultKind::status_500;
  bool after = false;
  uint64_t sequence = 0;  ///< the index of the request among the matching ones
};

/// Decides faults for requests as they arrive. Thread-safe. The n-th matching request always
/// gets the same decision for the same spec, so a run is reproducible as far as the order of
/// requests is (a sequential client gives the same faults every time).
class FaultInjector {
 public:
  explicit FaultInjector(FaultSpec spec) : m_spec(std::move(spec)) {}

  /// The fault for this request, if any (counts it either way).
  std::optional<Fault> decide(const std::string& method, const std::string& target);
  const FaultSpec& spec() const { return m_spec; }
  /// "N requests, M faults (500: a, 503: b, …)".
  std::string summary() const;

 private:
  FaultSpec m_spec;
  std::atomic<uint64_t> m_requests{0};
  std::atomic<uint64_t> m_matching{0};
  mutable std::mutex m_mutex;  // guards m_counts
  std::map<std::string, uint64_t> m_counts;
};

}  // namespace glancer
