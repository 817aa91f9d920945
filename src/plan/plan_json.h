#pragma once
/// Plan <-> JSON: the `--format json` output and the saved plan file are the same document.

#include <nlohmann/json.hpp>
#include <string>

#include "core/result.h"
#include "plan/plan.h"

namespace glancer {

/// The plan document: format_version, target, created_at, sets, changes[], summary.
nlohmann::json plan_to_json(const Plan& plan);
/// Reads a plan document; invalid_argument on a wrong format_version or a malformed document.
Result<Plan> plan_from_json(const nlohmann::json& j);

/// A desired image as JSON (every field, no positions), as stored in saved plans.
nlohmann::json desired_image_to_json(const DesiredImage& d);
/// The inverse of desired_image_to_json; throws nlohmann::json::exception on malformed input.
DesiredImage desired_image_from_json(const nlohmann::json& j);

/// Writes the plan to `path` atomically (temp file + rename).
Status save_plan(const Plan& plan, const std::string& path);
/// Reads a plan saved by save_plan.
Result<Plan> load_plan(const std::string& path);

}  // namespace glancer
