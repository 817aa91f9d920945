#include "report/apply_events.h"

#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "plan/plan_json.h"

namespace glancer {

JsonEventsView::JsonEventsView(std::ostream& out, const Clock& clock)
    : m_out(out), m_clock(clock) {}

nlohmann::json JsonEventsView::event(const char* name, const Change* change) const {
  nlohmann::json e{{"event", name}, {"time", utc_now_millis(m_clock)}};
  if (change) {
    e["set"] = change->set;
    e["key"] = change->key;
    e["name"] = change->name;
    e["action"] = action_name(change->action);
  }
  return e;
}

void JsonEventsView::emit(const nlohmann::json& event) {
  // error_handler replace: an invalid UTF-8 byte in a name must not abort the apply's report.
  m_out << event.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n"
        << std::flush;
}

void JsonEventsView::plan(const Plan& plan) {
  auto e = event("plan", nullptr);
  e["target"] = plan.target;
  e["summary"] = plan_to_json(plan).at("summary");
  emit(e);
}

void JsonEventsView::on_step(const Change& change, const std::string& step) {
  if (m_last_decile.try_emplace(&change, 0).second) emit(event("start", &change));
  auto e = event("step", &change);
  e["step"] = step;
  emit(e);
}

void JsonEventsView::on_progress(const Change& change, uint64_t bytes,
                                 std::optional<uint64_t> total) {
  // Coarse on purpose: a line per tenth (or per 64 MiB when the size is unknown).
  int& last = m_last_decile[&change];
  const int mark =
      total && *total ? static_cast<int>(bytes * 10 / *total) : static_cast<int>(bytes >> 26);
  if (mark == last) return;
  last = mark;
  auto e = event("progress", &change);
  e["bytes"] = bytes;
  e["total"] = total ? nlohmann::json(*total) : nlohmann::json(nullptr);
  emit(e);
}

void JsonEventsView::on_done(const Change& change, const std::string& image_id, double seconds) {
  auto e = event("done", &change);
  e["image_id"] = image_id;
  e["seconds"] = seconds;
  emit(e);
}

void JsonEventsView::on_failed(const Change& change, const Error& error) {
  auto e = event("failed", &change);
  e["error"] = {{"code", error_code_name(error.code)}, {"message", error.to_string()}};
  emit(e);
}

void JsonEventsView::on_skipped(const Change& change, const std::string& why) {
  auto e = event("skipped", &change);
  e["reason"] = why;
  emit(e);
}

void JsonEventsView::on_interrupt(int running, int not_started) {
  auto e = event("interrupt", nullptr);
  e["running"] = running;
  e["not_started"] = not_started;
  emit(e);
}

void JsonEventsView::summary(const ApplyOutcome& outcome) {
  auto e = event("summary", nullptr);
  e["succeeded"] = outcome.succeeded;
  e["failed"] = outcome.failed;
  e["skipped"] = outcome.skipped;
  e["ok"] = outcome.ok();
  e["interrupted"] = outcome.interrupted;
  emit(e);
}

}  // namespace glancer
