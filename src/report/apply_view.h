#pragma once
/// A line-per-event apply view (for terminals and CI logs alike).

#include <map>
#include <ostream>
#include <string>

#include "exec/observer.h"

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

 private:
  std::ostream& m_out;
  std::map<std::string, int> m_last_decile;  // per change: uploads run side by side
};

/// "Apply complete: 3 succeeded, 0 failed, 0 skipped."
std::string apply_summary_line(const ApplyOutcome& outcome);

}  // namespace glancer
