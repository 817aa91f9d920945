#include "report/apply_view.h"

#include <cstdio>

namespace glancer {

namespace {
std::string who(const Change& c) { return c.set + "/" + c.key; }
}  // namespace

void LineApplyView::on_step(const Change& change, const std::string& step) {
  m_out << who(change) << ": " << step << "…\n" << std::flush;
  m_last_decile[who(change)] = -1;
}

void LineApplyView::on_progress(const Change& change, uint64_t bytes, std::optional<uint64_t> total) {
  if (!total || *total == 0) return;
  int decile = static_cast<int>(bytes * 10 / *total);
  int& last = m_last_decile[who(change)];
  if (decile == last || decile == 0) return;
  last = decile;
  char line[96];
  std::snprintf(line, sizeof line, "%3d%% (%.1f of %.1f MiB)", decile * 10, bytes / 1048576.0,
                *total / 1048576.0);
  m_out << who(change) << ": uploaded " << line << "\n" << std::flush;
}

void LineApplyView::on_done(const Change& change, const std::string& image_id, double seconds) {
  char took[32];
  std::snprintf(took, sizeof took, "%.1fs", seconds);
  const char* what = change.action == Action::create    ? "created"
                     : change.action == Action::update  ? "updated"
                     : change.action == Action::remove  ? "deleted"
                     : change.action == Action::rotate  ? "rotated"
                                                        : "replaced";
  m_out << who(change) << ": " << what << " " << image_id << " in " << took << "\n" << std::flush;
}

void LineApplyView::on_failed(const Change& change, const Error& error) {
  m_out << who(change) << ": failed: " << error.to_string() << "\n" << std::flush;
}

void LineApplyView::on_skipped(const Change& change, const std::string& why) {
  m_out << who(change) << ": skipped: " << why << "\n" << std::flush;
}

std::string apply_summary_line(const ApplyOutcome& o) {
  return "Apply complete: " + std::to_string(o.succeeded) + " succeeded, " +
         std::to_string(o.failed) + " failed, " + std::to_string(o.skipped) + " skipped.";
}

}  // namespace glancer
