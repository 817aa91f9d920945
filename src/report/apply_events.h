#pragma once
/// `glancer apply --format json`: one JSON object per line per event
/// (schemas/apply-event.schema.json), written and flushed as it happens so a CI job or another
/// program can follow along.

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>

#include "core/clock.h"
#include "plan/apply_observer.h"
#include "plan/plan.h"

namespace glancer {

/// Writes events: "plan" first, then per change "start", "step", "progress" (each tenth of an
/// upload at most), "done", "failed" or "skipped", "interrupt" when Ctrl-C stopped the apply,
/// and "summary" last.
class JsonEventsView : public ApplyObserver {
 public:
  /// Event times (UTC ISO with milliseconds) come from `clock`.
  explicit JsonEventsView(std::ostream& out, const Clock& clock = system_clock());

  /// The "plan" event: target and the plan's summary counts.
  void plan(const Plan& plan);
  void on_step(const Change& change, const std::string& step) override;
  void on_progress(const Change& change, uint64_t bytes, std::optional<uint64_t> total) override;
  void on_done(const Change& change, const std::string& image_id, double seconds) override;
  void on_failed(const Change& change, const Error& error) override;
  void on_skipped(const Change& change, const std::string& why) override;
  /// The "interrupt" event: `running`, `not_started`.
  void on_interrupt(int running, int not_started) override;
  /// The "summary" event: outcome counts.
  void summary(const ApplyOutcome& outcome);

 private:
  nlohmann::json event(const char* name, const Change* change) const;
  void emit(const nlohmann::json& event);

  std::ostream& m_out;
  const Clock& m_clock;
  std::map<const Change*, int> m_last_decile;  // also marks changes that have started
};

}  // namespace glancer
