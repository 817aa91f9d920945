#pragma once
/// Views of a plan. Both are fed the same Plan value, so they cannot disagree.

#include <string>

#include "plan/plan.h"

namespace glancer {

/// Terraform-like text: one block per change with `+ ~ -/+ -` and attribute diffs, then the
/// summary line; "No changes." when there is nothing to do.
std::string render_plan_human(const Plan& plan);

/// The plan JSON document (the same as a saved plan), pretty-printed.
std::string render_plan_json(const Plan& plan);

/// "Plan: 1 to create, 2 to update, 0 to replace, 1 to delete."
std::string plan_summary_line(const PlanSummary& summary);

}  // namespace glancer
