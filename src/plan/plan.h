#pragma once
/// The plan: a value that can be rendered, saved, loaded and applied.

#include <string>
#include <vector>

#include "plan/change.h"

namespace glancer {

/// The plan file format version; readers refuse other versions.
inline constexpr int k_plan_format_version = 1;

/// Counts of each action in a plan.
struct PlanSummary {
  int create = 0, update = 0, replace = 0, rotate = 0, remove = 0, no_op = 0;
  int changes() const { return create + update + replace + rotate + remove; }
  friend bool operator==(const PlanSummary&, const PlanSummary&) = default;
};

/// Everything `apply` needs, with no manifest required.
struct Plan {
  int format_version = k_plan_format_version;
  std::string target;             ///< ImageService::describe() at plan time
  std::string created_at;         ///< UTC ISO time
  std::vector<std::string> sets;  ///< the sets the manifests loaded
  std::vector<Change> changes;    ///< including no-ops, in a stable order

  PlanSummary summary() const;
  bool has_changes() const { return summary().changes() > 0; }
};

}  // namespace glancer
