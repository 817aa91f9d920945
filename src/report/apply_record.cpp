#include "report/apply_record.h"

namespace glancer {

ApplyRecorder::ApplyRecorder(const Plan& plan, const Clock& clock)
    : m_plan(plan),
      m_outcomes(plan.changes.size()),
      m_clock(clock),
      m_started(plan.changes.size()) {}

ChangeOutcome* ApplyRecorder::find(const Change& change) {
  // The executor reports the plan's own Change objects, so the address gives the index.
  if (m_plan.changes.empty()) return nullptr;
  const Change* first = m_plan.changes.data();
  if (&change < first || &change >= first + m_plan.changes.size()) return nullptr;
  return &m_outcomes[static_cast<size_t>(&change - first)];
}

double ApplyRecorder::elapsed(size_t index) const {
  if (m_started[index] == std::chrono::steady_clock::time_point{}) return 0;
  return std::chrono::duration<double>(m_clock.steady_now() - m_started[index]).count();
}

void ApplyRecorder::on_step(const Change& change, const std::string& step) {
  ChangeOutcome* o = find(change);
  if (!o) return;
  const size_t i = static_cast<size_t>(o - m_outcomes.data());
  if (m_started[i] == std::chrono::steady_clock::time_point{}) m_started[i] = m_clock.steady_now();
  o->last_step = step;
}

void ApplyRecorder::on_done(const Change& change, const std::string& image_id, double seconds) {
  if (ChangeOutcome* o = find(change)) {
    o->state = ChangeOutcome::State::done;
    o->image_id = image_id;
    o->seconds = seconds;
  }
}

void ApplyRecorder::on_failed(const Change& change, const Error& error) {
  if (ChangeOutcome* o = find(change)) {
    o->state = ChangeOutcome::State::failed;
    o->message = error.to_string();
    o->seconds = elapsed(static_cast<size_t>(o - m_outcomes.data()));
  }
}

void ApplyRecorder::on_skipped(const Change& change, const std::string& why) {
  if (ChangeOutcome* o = find(change)) {
    o->state = ChangeOutcome::State::skipped;
    o->message = why;
  }
}

void ObserverFanout::on_step(const Change& c, const std::string& step) {
  for (ApplyObserver* o : m_observers) o->on_step(c, step);
}
void ObserverFanout::on_progress(const Change& c, uint64_t bytes, std::optional<uint64_t> total) {
  for (ApplyObserver* o : m_observers) o->on_progress(c, bytes, total);
}
void ObserverFanout::on_done(const Change& c, const std::string& image_id, double seconds) {
  for (ApplyObserver* o : m_observers) o->on_done(c, image_id, seconds);
}
void ObserverFanout::on_failed(const Change& c, const Error& error) {
  for (ApplyObserver* o : m_observers) o->on_failed(c, error);
}
void ObserverFanout::on_skipped(const Change& c, const std::string& why) {
  for (ApplyObserver* o : m_observers) o->on_skipped(c, why);
}

void ObserverFanout::on_interrupt(int running, int not_started) {
  for (ApplyObserver* o : m_observers) o->on_interrupt(running, not_started);
}

}  // namespace glancer
