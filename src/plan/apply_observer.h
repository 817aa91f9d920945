#pragma once
/// How an apply reports: the executor never prints; views (report/) implement this interface.

#include <cstdint>
#include <optional>
#include <string>

#include "core/result.h"
#include "plan/change.h"

namespace glancer {

/// Receives apply events in the order they happen.
class ApplyObserver {
 public:
  virtual ~ApplyObserver() = default;
  /// A change starts a step: "creating", "uploading", "verifying", "publishing", "updating",
  /// "deleting", "deleting old image".
  virtual void on_step(const Change& change, const std::string& step) = 0;
  /// Upload progress: bytes sent so far, total if known.
  virtual void on_progress(const Change& change, uint64_t bytes, std::optional<uint64_t> total) = 0;
  /// The change completed; image_id is the image it produced or touched.
  virtual void on_done(const Change& change, const std::string& image_id, double seconds) = 0;
  /// The change failed; nothing it started is left half-done.
  virtual void on_failed(const Change& change, const Error& error) = 0;
  /// The change was not started: something it depends on failed, or the apply was interrupted.
  virtual void on_skipped(const Change& change, const std::string& why) = 0;
  /// The apply was interrupted (the first Ctrl-C): nothing more starts. `running` changes are
  /// still at work and will report; the `not_started` ones are reported skipped right after.
  /// Views that show nothing for it need not implement it.
  virtual void on_interrupt(int running, int not_started) {
    (void)running;
    (void)not_started;
  }
};

/// Counts of outcomes of one apply.
struct ApplyOutcome {
  int succeeded = 0;
  int failed = 0;
  int skipped = 0;
  bool interrupted = false;  ///< Ctrl-C stopped the apply before it ran everything
  bool ok() const { return failed == 0 && skipped == 0 && !interrupted; }
};

}  // namespace glancer
