#include "cli/apply_output.h"

#include <algorithm>

#include "cli/terminal.h"
#include "report/apply_report.h"
#include "report/apply_view.h"

namespace glancer {

ApplyOutput::ApplyOutput(Format format, const Plan& plan, const GlobalOptions& global)
    : m_format(format), m_plan(plan), m_record(plan) {
  if (format == Format::human) m_text_options = render_options(global);
  if (format == Format::json) {
    m_progress = std::make_unique<JsonEventsView>(std::cout);
  } else if (format == Format::human && stdout_is_terminal()) {
    const auto total = std::count_if(plan.changes.begin(), plan.changes.end(),
                                     [](const Change& c) { return c.action != Action::no_op; });
    auto live = std::make_unique<LiveApplyView>(std::cout, terminal_width(), m_text_options.color,
                                                static_cast<int>(total));
    m_live = live.get();
    m_progress = std::move(live);
  } else {
    m_progress = std::make_unique<LineApplyView>(text());
  }
  m_fanout =
      std::make_unique<ObserverFanout>(std::vector<ApplyObserver*>{&m_record, m_progress.get()});
}

ApplyOutput::~ApplyOutput() = default;

void ApplyOutput::begin() {
  if (m_format == Format::json) static_cast<JsonEventsView&>(*m_progress).plan(m_plan);
}

void ApplyOutput::finish(const ApplyOutcome& outcome) {
  if (m_live) m_live->close();
  switch (m_format) {
    case Format::json: static_cast<JsonEventsView&>(*m_progress).summary(outcome); return;
    case Format::markdown: std::cout << render_apply_markdown(m_record); break;
    case Format::junit: std::cout << render_apply_junit(m_record); break;
    case Format::human: break;
  }
  text() << "\n" << apply_summary_line(outcome) << "\n";
}

}  // namespace glancer
