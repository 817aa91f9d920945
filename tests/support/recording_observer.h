#pragma once
/// An ApplyObserver for tests: every event as one line of text, in order.

#include <functional>
#include <string>
#include <vector>

#include "plan/apply_observer.h"

namespace glancer::testing {

/// Records "step SET/KEY: STEP", "done SET/KEY ID", "failed SET/KEY: MESSAGE",
/// "skipped SET/KEY: WHY", "interrupt: N running, M not started" (progress is not recorded: its
/// chunking is not a contract). `after_event`, when set, runs after each recorded event (e.g. to
/// raise a cancel flag).
class RecordingObserver final : public ApplyObserver {
 public:
  void on_step(const Change& c, const std::string& step) override {
    add("step " + image_ref(c.set, c.key) + ": " + step);
  }
  void on_progress(const Change&, uint64_t, std::optional<uint64_t>) override {}
  void on_done(const Change& c, const std::string& image_id, double) override {
    add("done " + image_ref(c.set, c.key) + " " + image_id);
  }
  void on_failed(const Change& c, const Error& error) override {
    add("failed " + image_ref(c.set, c.key) + ": " + error.message);
  }
  void on_skipped(const Change& c, const std::string& why) override {
    add("skipped " + image_ref(c.set, c.key) + ": " + why);
  }
  void on_interrupt(int running, int not_started) override {
    add("interrupt: " + std::to_string(running) + " running, " + std::to_string(not_started) +
        " not started");
  }

  /// The events so far.
  std::vector<std::string> events;
  /// Only the outcomes (done/failed/skipped lines), without the steps and interrupts.
  std::vector<std::string> outcomes() const {
    std::vector<std::string> out;
    for (const auto& e : events)
      if (e.rfind("step ", 0) != 0 && e.rfind("interrupt: ", 0) != 0) out.push_back(e);
    return out;
  }
  std::function<void(const std::string& event)> after_event;

 private:
  void add(std::string event) {
    events.push_back(std::move(event));
    if (after_event) after_event(events.back());
  }
};

}  // namespace glancer::testing
