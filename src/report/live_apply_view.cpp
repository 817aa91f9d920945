#include "report/live_apply_view.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

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

int columns_of(const std::string& text) {
  return static_cast<int>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

std::string shorten(const std::string& text, int columns) {
  if (columns_of(text) <= columns) return text;
  if (columns <= 0) return "";
  return fit_columns(text, columns - 1) + "…";
}

std::string fit_columns(const std::string& text, int columns) {
  int seen = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const bool starts_char = (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
    if (starts_char && seen++ == columns) return text.substr(0, i);
  }
  return text;
}

LiveApplyView::LiveApplyView(std::ostream& out, int width, bool color, int total,
                             const Clock& clock)
    : m_out(out), m_width(std::max(width, 40)), m_color(color), m_total(total), m_clock(clock) {}

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
  ++m_finished;
  erase();
  m_out << line << "\n";
  draw();
}

void LiveApplyView::on_done(const Change& change, const std::string& image_id, double seconds) {
  finish(change, paint("✓ " + apply_done_line(change, image_id, seconds), Tone::good, m_color));
}

void LiveApplyView::on_failed(const Change& change, const Error& error) {
  ++m_failed;
  finish(change, paint("✗ " + apply_failed_line(change, error), Tone::bad, m_color));
}

void LiveApplyView::on_skipped(const Change& change, const std::string& why) {
  finish(change, paint("- " + apply_skipped_line(change, why), Tone::warning, m_color));
}

namespace {

// One piece of a live line after the step; `rank` 1 is kept longest when the line is too wide.
struct Part {
  std::string text;
  int rank;
  bool bar = false;  ///< the progress bar: `text` only holds its smallest width
};

// What goes before a part: two spaces, one after the bar (the percentage belongs to it).
std::string separator(const std::vector<Part>& parts, size_t i) {
  return i > 0 && parts[i - 1].bar ? " " : "  ";
}

int parts_width(const std::vector<Part>& parts) {
  int n = 0;
  for (size_t i = 0; i < parts.size(); ++i)
    n += columns_of(separator(parts, i)) + columns_of(parts[i].text);
  return n;
}

}  // namespace

void LiveApplyView::on_interrupt(int running, int not_started) {
  erase();
  m_out << paint(interrupt_line(running, not_started), Tone::warning, m_color) << "\n";
  draw();
}

std::string LiveApplyView::live_line(const Running& r, size_t label_width, double now) const {
  const int room = m_width - 1;  // the last column stays free: some terminals wrap there
  // The label takes at most two fifths of the line, so the step and the numbers keep theirs.
  const int label_cols = std::min(static_cast<int>(label_width), std::max(12, room * 2 / 5));
  const std::string label = shorten(r.label, label_cols);
  const std::string prefix = "  " + label + std::string(label_cols - columns_of(label), ' ') + "  ";
  // The bar is a part of k_min_bar cells here; it grows into the room left at the end.
  constexpr int k_min_bar = 5, k_max_bar = 20;
  std::vector<Part> parts;  // in display order
  const bool uploading = r.upload_started >= 0 && r.bytes > 0;
  const bool with_total = uploading && r.total && *r.total > 0;
  const double fraction = with_total ? static_cast<double>(r.bytes) / *r.total : 0;
  if (uploading) {
    const double took = std::max(now - r.upload_started, 1e-3);
    const double rate = r.bytes / took;
    const std::string speed = human_bytes(static_cast<uint64_t>(rate)) + "/s";
    if (with_total) {
      char pct[8];
      std::snprintf(pct, sizeof pct, "%3d%%", static_cast<int>(fraction * 100));
      parts.push_back({std::string(k_min_bar + 2, '#'), 3, true});
      parts.push_back({pct, 1});
      parts.push_back({human_bytes(r.bytes) + " / " + human_bytes(*r.total), 5});
      parts.push_back({speed, 4});
      if (r.bytes < *r.total)
        parts.push_back({"ETA " + duration_text((*r.total - r.bytes) / rate), 2});
    } else {
      parts.push_back({human_bytes(r.bytes), 1});
      parts.push_back({speed, 2});
    }
  } else {
    parts.push_back({duration_text(now - r.started), 1});
  }
  // Too wide: leave out the least useful parts, then shorten the step.
  const int prefix_cols = columns_of(prefix);
  for (int rank = 5; rank > 1 && prefix_cols + columns_of(r.step) + parts_width(parts) > room;
       --rank)
    std::erase_if(parts, [rank](const Part& p) { return p.rank == rank; });
  const std::string step = shorten(r.step, room - prefix_cols - parts_width(parts));
  std::string line = prefix + step;
  const int spare = room - columns_of(line) - parts_width(parts);
  for (size_t i = 0; i < parts.size(); ++i)
    line += separator(parts, i) +
            (parts[i].bar ? progress_bar(fraction, std::min(k_max_bar, k_min_bar + spare))
                          : parts[i].text);
  return fit_columns(line, room);
}

std::string LiveApplyView::overall_line() const {
  std::string line = "  " + std::to_string(m_finished) + "/" + std::to_string(m_total) + " done";
  if (m_failed > 0) line += " (" + std::to_string(m_failed) + " failed)";
  line += ", " + std::to_string(m_running.size()) + " running";
  return shorten(line, m_width - 1);
}

void LiveApplyView::erase() {
  // Back to the first live line, then clear to the end of the screen.
  if (m_drawn_lines > 0) m_out << "\x1b[" << m_drawn_lines << "A\r\x1b[J";
  m_drawn_lines = 0;
}

void LiveApplyView::draw() {
  const double now = seconds();
  size_t label_width = 0;
  for (const Running& r : m_running)
    label_width = std::max(label_width, static_cast<size_t>(columns_of(r.label)));
  for (const Running& r : m_running) {
    m_out << live_line(r, label_width, now) << "\n";
    ++m_drawn_lines;
  }
  if (m_finished < m_total) {
    m_out << paint(overall_line(), Tone::faint, m_color) << "\n";
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
