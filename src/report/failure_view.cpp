#include "report/failure_view.h"

#include <nlohmann/json.hpp>

#include "report/junit.h"
#include "report/markdown.h"

namespace glancer {

namespace {

std::string render_json(const FailureReport& report) {
  nlohmann::json diagnostics = nlohmann::json::array();
  for (const Diagnostic& d : report.diagnostics)
    diagnostics.push_back({{"file", d.where.file.str()},
                           {"line", d.where.line},
                           {"column", d.where.column},
                           {"severity", severity_name(d.severity)},
                           {"message", d.message}});
  nlohmann::json doc{{"format_version", 1},
                     {"command", report.command},
                     {"error", {{"message", report.message}, {"diagnostics", diagnostics}}}};
  if (!report.target.empty()) doc["target"] = report.target;
  // Invalid UTF-8 quoted from a hostile file must not make dump() throw.
  return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

// One failing testcase per error diagnostic (classname = its file, name = its position), or
// one for the error itself when no diagnostic locates it (an unreachable service).
std::string render_junit_failure(const FailureReport& report) {
  std::vector<JUnitCase> cases;
  for (const Diagnostic& d : report.diagnostics) {
    if (d.severity != Severity::error) continue;
    JUnitCase c;
    c.classname = d.where.known() ? d.where.file.str() : report.command;
    c.name = d.where.known() ? d.where.to_string() : report.command;
    c.failure_message = d.message;
    c.failure_text = d.to_string();
    cases.push_back(std::move(c));
  }
  if (cases.empty()) {
    JUnitCase c;
    c.classname = report.command;
    c.name = report.target.empty() ? report.command : report.target;
    c.failure_message = report.message;
    c.failure_text = "glancer: error: " + report.message;
    cases.push_back(std::move(c));
  }
  return render_junit("glancer " + report.command, cases);
}

std::string render_markdown(const FailureReport& report) {
  std::string out = "### glancer " + report.command + " failed\n\n";
  if (!report.target.empty()) out += "Target: " + markdown_text(report.target) + "\n\n";
  out += "**Error:** " + markdown_text(report.message) + "\n";
  if (!report.diagnostics.empty()) {
    out += "\n| where | severity | message |\n|---|---|---|\n";
    for (const Diagnostic& d : report.diagnostics)
      out += "| " + (d.where.known() ? markdown_text(d.where.to_string()) : std::string()) + " | " +
             severity_name(d.severity) + " | " + markdown_text(d.message) + " |\n";
  }
  return out;
}

}  // namespace

std::string render_failure(const FailureReport& report, Format format) {
  switch (format) {
    case Format::json: return render_json(report);
    case Format::junit: return render_junit_failure(report);
    case Format::markdown: return render_markdown(report);
    case Format::human: return "";
  }
  return "";
}

}  // namespace glancer
