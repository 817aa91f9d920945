#pragma once
/// Human views of an apply: one line per event (CI logs, pipes), and the lines they share
/// with the live terminal view (live_apply_view.h).

#include <cstdint>
#include <map>
#include <ostream>
#include <string>

#include "plan/apply_observer.h"

namespace glancer {

/// Writes one line per step, completion and failure; upload progress every 10%.
class LineApplyView : public ApplyObserver {
 public:
  explicit LineApplyView(std::ostream& out) : m_out(out) {}
  void on_step(const Change& change, const std::string& step) override;
  void on_progress(const Change& change, uint64_t bytes, std::optional<uint64_t> total) override;
  void on_done(const Change& change, const std::string& image_id, double seconds) override;
  void on_failed(const Change& change, const Error& error) override;
  void on_skipped(const Change& change, const std::string& why) override;
  /// Prints interrupt_line().
  void on_interrupt(int running, int not_started) override;

 private:
  std::ostream& m_out;
  std::map<std::string, int> m_last_decile;  // per change: uploads run side by side
};

/// What a completed change did: "created", "updated", "replaced", "rotated", "deleted".
const char* apply_done_verb(Action action);
/// "set/key: created ID in 1.2s" (the verb from apply_done_verb).
std::string apply_done_line(const Change& change, const std::string& image_id, double seconds);
/// "set/key: failed: MESSAGE".
std::string apply_failed_line(const Change& change, const Error& error);
/// "set/key: skipped: WHY".
std::string apply_skipped_line(const Change& change, const std::string& why);

/// A byte count for people: "512 B", "3.0 KiB", "1.5 MiB", "2.25 GiB".
std::string human_bytes(uint64_t bytes);

/// "Apply complete: 3 succeeded, 0 failed, 0 skipped.", or "Apply interrupted: …" when
/// outcome.interrupted.
std::string apply_summary_line(const ApplyOutcome& outcome);

/// What the first Ctrl-C prints: "interrupting: 2 actions running, 5 not started (Ctrl-C
/// again to abort running uploads)".
std::string interrupt_line(int running, int not_started);

}  // namespace glancer
