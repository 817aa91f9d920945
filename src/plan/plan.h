#pragma once
/// The plan: a value that can be rendered, saved, loaded and applied.

#include <map>
#include <string>
#include <vector>

#include "plan/change.h"

namespace glancer {

/// The plan file format version this glancer writes for a plan with an image that could not be
/// planned (Change::error): a glancer that reads only version 1 refuses it rather than apply an
/// errored change. A plan without such an image is written as version 1.
inline constexpr int k_plan_format_version = 2;

/// Counts of each action in a plan. A change that could not be planned counts as an error only.
struct PlanSummary {
  int create = 0, update = 0, replace = 0, rotate = 0, remove = 0, no_op = 0;
  int errors = 0;  ///< images that could not be planned (Change::error)
  int changes() const { return create + update + replace + rotate + remove; }
  friend bool operator==(const PlanSummary&, const PlanSummary&) = default;
};

/// Everything `apply` needs, with no manifest required.
struct Plan {
  int format_version = 1;         ///< as read; plan_to_json writes the version the content needs
  std::string target;             ///< ImageService::describe() at plan time
  std::string created_at;         ///< UTC ISO time
  std::vector<std::string> sets;  ///< the sets the manifests loaded
  std::vector<Change> changes;    ///< including no-ops, in a stable order

  PlanSummary summary() const;
  bool has_changes() const { return summary().changes() > 0; }
  /// True if some image could not be planned: the command that made or applies it exits 1.
  bool has_errors() const { return summary().errors > 0; }
};

/// The changes that apply will skip because an image they reference (directly or through
/// others) could not be planned and needs its source (an errored create, replace or rotate): by
/// index into plan.changes, the "set/key" of that image. Apply reports them "depends on …,
/// which failed"; views say so beforehand.
std::map<size_t, std::string> blocked_changes(const Plan& plan);

}  // namespace glancer
