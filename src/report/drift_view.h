#pragma once
/// Views of a drift report, all fed the same DriftReport.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "plan/drift.h"
#include "report/format.h"

namespace glancer {

/// The report in `format`: human, json, markdown or junit.
std::string render_drift(const DriftReport& report, Format format,
                         const RenderOptions& options = {});

/// One block per finding and a summary line; "No drift." when clean. Coloured when options.color.
std::string render_drift_human(const DriftReport& report, const RenderOptions& options = {});
/// The drift JSON document: target, checked_at, managed, drift[] (key, set, name, image_id,
/// kind, detail, attributes[]), summary counts per kind.
nlohmann::json drift_to_json(const DriftReport& report);
/// A merge-request or job-summary comment: heading, a table of counts per kind, one collapsible
/// section per image with its findings; under k_markdown_limit characters.
std::string render_drift_markdown(const DriftReport& report);
/// JUnit XML: one testcase per desired image (classname = set, name = key) and per unmanaged
/// image; an image with drift fails with every finding in the failure.
std::string render_drift_junit(const DriftReport& report);

/// "Drift: 1 missing, 0 modified, 0 content, 0 broken, 0 unfinished, 0 ambiguous, 2 unmanaged,
/// 0 outdated, 0 expired."
std::string drift_summary_line(const DriftReport& report);

/// The kinds in report order: missing, modified, content, broken, unfinished, ambiguous,
/// unmanaged, outdated, expired.
const std::vector<DriftKind>& drift_kinds();

}  // namespace glancer
