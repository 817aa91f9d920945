#pragma once
/// The planning components built for a command (plan/planner.h on the real sources and the
/// system clock), with what they report printed the way every command prints it.

#include <string>
#include <vector>

#include "core/result.h"
#include "glance/image_service.h"
#include "manifest/desired_state.h"
#include "plan/plan.h"
#include "plan/planner.h"

namespace glancer {

/// Planner::plan against `service` with a SystemSourceProbe and the system clock; the
/// diagnostics are printed to stderr (the manifests', then the image files') and, when
/// `collected` is set, copied there (for a failure document); the error is returned.
Result<Plan> make_plan(ImageService& service, const std::vector<std::string>& paths,
                       const PlanScope& scope = {}, PlanDiagnostics* collected = nullptr);

/// The manifests under `paths`, loaded and their sources checked and resolved (load_desired,
/// prepare_sources with a SystemSourceProbe), the diagnostics printed to stderr (and copied to
/// `collected` when set).
Result<DesiredState> load_resolved(const std::vector<std::string>& paths,
                                   PlanDiagnostics* collected = nullptr);

}  // namespace glancer
