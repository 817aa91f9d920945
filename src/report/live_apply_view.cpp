#include "report/live_apply_view.h"

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "report/apply_view.h"
#include "report/style.h"

namespace glancer {

namespace {

std::string duration_text(double s) {
  char buf[32];
  if (s < 60)
    std::snprintf(buf, sizeof buf, "%.0fs", s);
  else
    std::snprintf(buf, sizeof buf, "%dm%02ds", static_cast<int>(s) / 60, static_cast<int>(s) % 60);
  return buf;
}

}  // namespace

std::string progress_bar(double fraction, int width) {
  fraction = std::clamp(fraction, 0.0, 1.0);
  const int filled = static_cast<int>(fraction * width);
  return "[" + std::string(filled, '#') + std::string(width - filled, '.') + "]";
}

std::string fit_columns(const std::string& text, int columns) {
  int seen = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const bool starts_char = (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
    if (starts_char && seen++ == columns) return text.substr(0, i);
  }
  return text;
}

LiveApplyView::LiveApplyView(std::ostream& out, int width, bool color, const Clock& clock)
    : m_out(out), m_width(std::max(width, 20)), m_color(color), m_clock(clock) {}

double LiveApplyView::seconds() const {
  return std::chrono::duration<double>(m_clock.steady_now().time_since_epoch()).count();
}

LiveApplyView::Running& LiveApplyView::running(const Change& change) {
  for (Running& r : m_running)
    if (r.change == &change) return r;
  m_running.push_back(
      {&change, image_ref(change.set, change.key), "", seconds(), -1, 0, std::nullopt});
  return m_running.back();
}

void LiveApplyView::on_step(const Change& change, const std::string& step) {
  Running& r = running(change);
  r.step = step;
  if (step == "uploading") {
    r.upload_started = seconds();
    r.bytes = 0;
    r.total.reset();
  } else {
    r.upload_started = -1;
  }
  erase();
  draw();
}

void LiveApplyView::on_progress(const Change& change, uint64_t bytes,
                                std::optional<uint64_t> total) {
  Running& r = running(change);
  r.bytes = bytes;
  r.total = total;
  if (seconds() - m_last_draw < k_redraw_interval) return;  // at most ~10 redraws a second
  erase();
  draw();
}

void LiveApplyView::finish(const Change& change, const std::string& line) {
  m_running.erase(std::remove_if(m_running.begin(), m_running.end(),
                                 [&](const Running& r) { return r.change == &change; }),
                  m_running.end());
  erase();
  m_out << line << "\n";
  draw();
}

void LiveApplyView::on_done(const Change& change, const std::string& image_id, double seconds) {
  finish(change, paint("✓ " + apply_done_line(change, image_id, seconds), Tone::good, m_color));
}

void LiveApplyView::on_failed(const Change& change, const Error& error) {
  finish(change, paint("✗ " + apply_failed_line(change, error), Tone::bad, m_color));
}

void LiveApplyView::on_skipped(const Change& change, const std::string& why) {
  finish(change, paint("- " + apply_skipped_line(change, why), Tone::warning, m_color));
}

std::string LiveApplyView::live_line(const Running& r, size_t label_width, double now) const {
  std::string line =
      "  " + r.label + std::string(label_width - r.label.size(), ' ') + "  " + r.step;
  if (r.upload_started >= 0 && r.bytes > 0) {
    const double took = std::max(now - r.upload_started, 1e-3);
    const double rate = r.bytes / took;
    line += "  ";
    if (r.total && *r.total > 0) {
      const double fraction = static_cast<double>(r.bytes) / *r.total;
      char pct[8];
      std::snprintf(pct, sizeof pct, "%3d%%", static_cast<int>(fraction * 100));
      line += progress_bar(fraction, 20) + " " + pct + "  " + human_bytes(r.bytes) + " / " +
              human_bytes(*r.total);
      line += "  " + human_bytes(static_cast<uint64_t>(rate)) + "/s";
      if (r.bytes < *r.total) line += "  ETA " + duration_text((*r.total - r.bytes) / rate);
    } else {
      line += human_bytes(r.bytes) + "  " + human_bytes(static_cast<uint64_t>(rate)) + "/s";
    }
  } else {
    line += "  " + duration_text(now - r.started);
  }
  return fit_columns(line, m_width - 1);
}

void LiveApplyView::erase() {
  // Back to the first live line, then clear to the end of the screen.
  if (m_drawn_lines > 0) m_out << "\x1b[" << m_drawn_lines << "A\r\x1b[J";
  m_drawn_lines = 0;
}

void LiveApplyView::draw() {
  const double now = seconds();
  size_t label_width = 0;
  for (const Running& r : m_running) label_width = std::max(label_width, r.label.size());
  for (const Running& r : m_running) {
    m_out << live_line(r, label_width, now) << "\n";
    ++m_drawn_lines;
  }
  m_out << std::flush;
  m_last_draw = now;
}

void LiveApplyView::close() {
  erase();
  m_out << std::flush;
}

}  // namespace glancer
