#pragma once
/// The views of one `glancer apply`, chosen by --format and by whether stdout is a terminal.
///   human:    plan, prompts, progress and summary on stdout (live view on a terminal, else one
///             line per event)
///   json:     stdout carries only JSON lines events; the plan and prompts go to stderr
///   markdown, junit: progress lines on stderr, the final report on stdout

#include <iostream>
#include <memory>

#include "cli/context.h"
#include "report/apply_events.h"
#include "report/apply_record.h"
#include "report/live_apply_view.h"

namespace glancer {

class ApplyOutput {
 public:
  /// `plan` must outlive this object and be the plan that is applied.
  ApplyOutput(Format format, const Plan& plan, const GlobalOptions& global);
  ~ApplyOutput();

  /// Where text for people goes: stdout for human, stderr otherwise.
  std::ostream& text() { return m_format == Format::human ? std::cout : std::cerr; }
  /// How human text is rendered (colour only for human output on a colour terminal).
  const RenderOptions& text_options() const { return m_text_options; }
  /// The observer to give the executor.
  ApplyObserver& observer() { return *m_fanout; }
  /// Called before the executor starts (json: the "plan" event).
  void begin();
  /// Called when the executor is done: the summary line, the "summary" event, or the report.
  void finish(const ApplyOutcome& outcome);

 private:
  Format m_format;
  const Plan& m_plan;
  RenderOptions m_text_options;
  ApplyRecorder m_record;
  std::unique_ptr<ApplyObserver> m_progress;  // the live or line view, or JSON events
  LiveApplyView* m_live = nullptr;            // m_progress when it is the live view
  std::unique_ptr<ObserverFanout> m_fanout;
};

}  // namespace glancer
