#pragma once
/// The planning components built for a command (plan/planner.h on the real sources and the
/// system clock), with what they report printed the way every command prints it.

#include <string>
#include <vector>

#include "core/result.h"
#include "glance/image_service.h"
#include "manifest/desired_state.h"
#include "plan/drift.h"
#include "plan/plan.h"
#include "plan/planner.h"

namespace glancer {

/// Planner::plan against `service` with a SystemSourceProbe and the system clock; the
/// diagnostics are printed to stderr (the manifests', the image files', then every source that
/// failed, each at its manifest line), the error is returned. A plan whose images' sources
/// failed is returned with those changes marked (Plan::has_errors). When `collected` is set
/// the diagnostics are copied there too (for a failure document, context.h report_failure).
Result<Plan> make_plan(ImageService& service, const std::vector<std::string>& paths,
                       const PlanScope& scope = {}, PlanDiagnostics* collected = nullptr);

/// A drift report: Planner::drift against `service`, as make_plan prints its diagnostics.
/// `sources_failed` is set when some image's source could not be resolved (drift then exits 1).
/// When `collected` is set the diagnostics are copied there too.
Result<DriftReport> make_drift(ImageService& service, const std::vector<std::string>& paths,
                               const DriftOptions& options, bool& sources_failed,
                               PlanDiagnostics* collected = nullptr);

/// The manifests under `paths`, loaded and their sources checked and resolved (load_desired,
/// prepare_sources with a SystemSourceProbe), the diagnostics printed to stderr. Any source
/// that fails is an error (k_source_errors), after every one is reported.
Result<DesiredState> load_resolved(const std::vector<std::string>& paths);

}  // namespace glancer
