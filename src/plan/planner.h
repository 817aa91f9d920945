#pragma once
/// The plan pipeline: manifests and the live service in, a Plan out. All I/O goes through the
/// injected ImageService, SourceProbe and Clock, so it runs against fakes in unit tests.

#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "glance/image_service.h"
#include "plan/diff.h"
#include "plan/drift.h"
#include "plan/plan.h"
#include "plan/plan_inputs.h"
#include "source/source_probe.h"

namespace glancer {

/// What a plan covers beyond the manifests themselves.
struct PlanScope {
  std::vector<std::string> targets;  ///< --target: only these images and what they reference
  std::vector<std::string> replace;  ///< --replace: replace these even if unchanged
  bool destroy = false;              ///< `glancer destroy`: every image of the loaded sets goes
  /// --allow-mass-delete: deleting most of a set is intended (plan/mass_delete.h).
  bool allow_mass_delete = false;
};

/// How a Planner runs.
struct PlannerOptions {
  /// List the service on a second thread while the sources are checked (one waits on the
  /// service, the other on the CPU or the mirrors). False: load, check, then list, on the
  /// caller's thread (unit tests).
  bool concurrent_listing = true;
  /// The id of each image the plan creates; empty: a random UUID (core/uuid.h).
  IdGenerator new_id;
};

/// What a drift report substitutes for `${image.KEY.id}` when the image it names has no id yet
/// (the plan would create or replace it).
inline constexpr const char* k_id_after_apply = "(id after the next apply)";

/// Makes plans and drift reports against one image service. Not thread-safe; the service must
/// outlive it.
class Planner {
 public:
  Planner(ImageService& service, SourceProbe& probe, const Clock& clock,
          PlannerOptions options = {});

  /// The whole `plan` pipeline: loads the manifests under `paths` (load_desired), checks and
  /// resolves their sources (prepare_sources; only those of scope.targets and the images they
  /// reference when targets are given; none for a destroy, whose manifests only say what must
  /// not be destroyed), reads the loaded sets from the service (fetch_live: one listing per set
  /// filtered by the service, and lookups by name), diffs, applies scope.replace (an
  /// unknown name is invalid_argument), gives a destroy's deletes their manifest entries (so
  /// prevent_destroy holds), narrows to scope.targets (restrict_to_targets) and fails if
  /// lifecycle.prevent_destroy forbids a change the plan would make. `created_at` is the
  /// clock's time. Problems of the inputs go into `diags` (also when the plan succeeds:
  /// warnings, and the sources that failed); the error then says how many there were. Invalid
  /// manifests fail before the service is asked anything.
  /// Guards (plan/targeting.h, mass_delete.h, name_clash.h): unknown --target/--replace names
  /// suggest the nearest key; --replace outside --target fails; so does deleting most of a set
  /// without scope.allow_mass_delete (not for a destroy); public name clashes are warnings.
  ///
  /// An image whose source cannot be resolved does not fail the plan: its change carries the
  /// error (Change::error) and is a no-op that keeps its live image, or, when only the source
  /// could make it (not live, or it needs replacing anyway), the create or replace it needs.
  Result<Plan> plan(const std::vector<std::string>& paths, const PlanScope& scope,
                    PlanDiagnostics& diags);

  /// `glancer drift`: the manifests as plan() reads them (the same loading, source resolution,
  /// listing, and `${image.KEY.id}` substitution by diff) compared with the live service by
  /// detect_drift. A reference to an image the plan would create or replace reads
  /// k_id_after_apply. The images no loaded set manages are read by the streamed unmanaged
  /// scan (plan/unmanaged_scan.h), never held. `options.now` and the report's checked_at are
  /// the clock's time. A
  /// source that fails is an error in `diags.sources`; that image is compared without its
  /// content.
  Result<DriftReport> drift(const std::vector<std::string>& paths, DriftOptions options,
                            PlanDiagnostics& diags);

 private:
  /// What plan() and drift() start from.
  struct Inputs {
    DesiredState desired;
    std::vector<DesiredImage> kept;  ///< a destroy's manifest images (not planned)
    LiveState live;
    std::vector<SourceFailure> failures;  ///< indexes into desired.images
  };
  Result<Inputs> read_inputs(const std::vector<std::string>& paths, const PlanScope& scope,
                             PlanDiagnostics& diags);

  ImageService& m_service;
  SourceProbe& m_probe;
  const Clock& m_clock;
  PlannerOptions m_options;
};

}  // namespace glancer
