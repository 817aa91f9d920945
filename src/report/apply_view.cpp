#include "report/apply_view.h"

#include <cstdio>

namespace glancer {

namespace {
std::string who(const Change& c) {
  return image_ref(c.set, c.key);
}
}  // namespace

const char* apply_done_verb(Action action) {
  switch (action) {
    case Action::create: return "created";
    case Action::update: return "updated";
    case Action::replace: return "replaced";
    case Action::rotate: return "rotated";
    case Action::remove: return "deleted";
    case Action::no_op: return "unchanged";
  }
  return "done";
}

std::string apply_done_line(const Change& change, const std::string& image_id, double seconds) {
  char took[32];
  std::snprintf(took, sizeof took, "%.1fs", seconds);
  return who(change) + ": " + apply_done_verb(change.action) + " " + image_id + " in " + took;
}

std::string apply_failed_line(const Change& change, const Error& error) {
  return who(change) + ": failed: " + error.to_string();
}

std::string apply_skipped_line(const Change& change, const std::string& why) {
  return who(change) + ": skipped: " + why;
}

std::string human_bytes(uint64_t bytes) {
  char text[32];
  if (bytes < 1024) {
    std::snprintf(text, sizeof text, "%llu B", static_cast<unsigned long long>(bytes));
  } else if (bytes < (1ull << 20)) {
    std::snprintf(text, sizeof text, "%.1f KiB", bytes / 1024.0);
  } else if (bytes < (1ull << 30)) {
    std::snprintf(text, sizeof text, "%.1f MiB", bytes / 1048576.0);
  } else {
    std::snprintf(text, sizeof text, "%.2f GiB", bytes / 1073741824.0);
  }
  return text;
}

void LineApplyView::on_step(const Change& change, const std::string& step) {
  m_out << who(change) << ": " << step << "…\n" << std::flush;
  m_last_decile[who(change)] = -1;
}

void LineApplyView::on_progress(const Change& change, uint64_t bytes,
                                std::optional<uint64_t> total) {
  if (!total || *total == 0) return;
  int decile = static_cast<int>(bytes * 10 / *total);
  int& last = m_last_decile[who(change)];
  if (decile == last || decile == 0) return;
  last = decile;
  m_out << who(change) << ": uploaded " << decile * 10 << "% (" << human_bytes(bytes) << " of "
        << human_bytes(*total) << ")\n"
        << std::flush;
}

void LineApplyView::on_done(const Change& change, const std::string& image_id, double seconds) {
  m_out << apply_done_line(change, image_id, seconds) << "\n" << std::flush;
}

void LineApplyView::on_failed(const Change& change, const Error& error) {
  m_out << apply_failed_line(change, error) << "\n" << std::flush;
}

void LineApplyView::on_skipped(const Change& change, const std::string& why) {
  m_out << apply_skipped_line(change, why) << "\n" << std::flush;
}

void LineApplyView::on_interrupt(int running, int not_started) {
  m_out << interrupt_line(running, not_started) << "\n" << std::flush;
}

std::string interrupt_line(int running, int not_started) {
  return "interrupting: " + std::to_string(running) + (running == 1 ? " action" : " actions") +
         " running, " + std::to_string(not_started) +
         " not started (Ctrl-C again to abort running uploads)";
}

std::string apply_summary_line(const ApplyOutcome& o) {
  return std::string(o.interrupted ? "Apply interrupted: " : "Apply complete: ") +
         std::to_string(o.succeeded) + " succeeded, " + std::to_string(o.failed) + " failed, " +
         std::to_string(o.skipped) + " skipped.";
}

}  // namespace glancer
