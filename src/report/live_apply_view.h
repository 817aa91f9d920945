#pragma once
/// The apply view for a terminal: finished, failed and skipped changes scroll by as lines;
/// below them a live region, redrawn in place with ANSI sequences, shows every running change
/// with its step and, while it uploads, a progress bar with bytes, rate and ETA, and last an
/// overall "N/M done" line. Live lines always fit the terminal's width (never wrap), down to
/// 40 columns: what does not fit is left out, least useful first.

#include <cstdint>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "core/clock.h"
#include "plan/apply_observer.h"

namespace glancer {

class LiveApplyView : public ApplyObserver {
 public:
  /// Progress redraws come at most this often (steps and finished changes redraw at once).
  static constexpr double k_redraw_interval = 0.1;

  /// `width`: the terminal's columns (live lines are laid out to fit, so they never wrap).
  /// `total`: how many changes the apply will report (its non-no-op changes), the M of
  /// "N/M done". Durations, rates and redraw pacing read `clock`'s steady time.
  LiveApplyView(std::ostream& out, int width, bool color, int total,
                const Clock& clock = system_clock());

  void on_step(const Change& change, const std::string& step) override;
  void on_progress(const Change& change, uint64_t bytes, std::optional<uint64_t> total) override;
  void on_done(const Change& change, const std::string& image_id, double seconds) override;
  void on_failed(const Change& change, const Error& error) override;
  void on_skipped(const Change& change, const std::string& why) override;
  /// Prints interrupt_line() above the live region at once.
  void on_interrupt(int running, int not_started) override;

  /// Erases the live region; call before printing anything else to the terminal.
  void close();

 private:
  struct Running {
    const Change* change;
    std::string label;  // set/key
    std::string step;
    double started = 0;
    double upload_started = -1;  // when the "uploading" step began
    uint64_t bytes = 0;
    std::optional<uint64_t> total;
  };

  Running& running(const Change& change);
  void finish(const Change& change, const std::string& line);
  std::string live_line(const Running& r, size_t label_width, double now) const;
  std::string overall_line() const;
  void erase();
  void draw();

  std::ostream& m_out;
  int m_width;
  bool m_color;
  int m_total;
  int m_finished = 0;  ///< reported done, failed or skipped
  int m_failed = 0;
  /// Steady seconds from m_clock.
  double seconds() const;

  const Clock& m_clock;
  std::vector<Running> m_running;  // in start order
  int m_drawn_lines = 0;
  double m_last_draw = -1e9;
};

/// "[#####.....]" of `width` cells for `fraction` (0..1).
std::string progress_bar(double fraction, int width);

/// Cuts `text` to at most `columns` characters (UTF-8 aware: counts code points, never splits one).
std::string fit_columns(const std::string& text, int columns);

/// `text` in at most `columns` characters: whole if it fits, else cut with a final "…".
std::string shorten(const std::string& text, int columns);

/// The number of characters (code points) of UTF-8 `text`.
int columns_of(const std::string& text);

}  // namespace glancer
