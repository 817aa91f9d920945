#pragma once
/// Views of a drift report, all fed the same DriftReport.

#include <string>

#include <nlohmann/json.hpp>

#include "plan/drift.h"

namespace glancer {

/// One block per finding and a summary line; "No drift." when clean.
std::string render_drift_human(const DriftReport& report);
/// The drift JSON document: target, checked_at, managed, drift[] (key, set, name, image_id,
/// kind, detail, attributes[]), summary counts per kind.
nlohmann::json drift_to_json(const DriftReport& report);

}  // namespace glancer
