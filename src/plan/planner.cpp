#include "plan/planner.h"

#include <algorithm>
#include <future>
#include <set>
#include <utility>

#include "core/uuid.h"
#include "plan/live_fetch.h"
#include "plan/mass_delete.h"
#include "plan/name_clash.h"
#include "plan/targeting.h"

namespace glancer {

Planner::Planner(ImageService& service, SourceProbe& probe, const Clock& clock,
                 PlannerOptions options)
    : m_service(service), m_probe(probe), m_clock(clock), m_options(std::move(options)) {
  if (!m_options.new_id) m_options.new_id = new_uuid;
}

Result<Plan> Planner::plan(const std::vector<std::string>& paths, const PlanScope& scope,
                           PlanDiagnostics& diags) {
  // Only the listing thread touches the service until get(); every way out of this function
  // waits for it (a std::async future joins when destroyed).
  std::future<Result<std::vector<Image>>> listing;
  if (m_options.concurrent_listing)
    listing = std::async(std::launch::async, [this] { return m_service.list({}); });
  GLANCER_TRY(desired, load_desired(paths, diags));
  std::vector<DesiredImage> kept;  // destroy: the manifests still say what must not be destroyed
  if (scope.destroy) kept = std::exchange(desired.images, {});
  GLANCER_CHECK(prepare_sources(desired, m_probe, diags));
  GLANCER_TRY(live,
              fetch_live(m_service, desired, listing.valid() ? listing.get() : m_service.list({})));
  Plan plan;
  plan.target = m_service.describe();
  plan.created_at = utc_now(m_clock);
  for (const auto& s : desired.sets)
    if (std::find(plan.sets.begin(), plan.sets.end(), s.name) == plan.sets.end())
      plan.sets.push_back(s.name);
  const SetFiles set_files = files_of_sets(desired);
  warn_name_clashes(desired.images, live.images, diags.manifests);
  std::set<std::string> replace(scope.replace.begin(), scope.replace.end());
  plan.changes = diff(std::move(desired), live, m_options.new_id, replace);
  GLANCER_CHECK(check_names(plan.changes, scope.replace, "--replace"));
  for (Change& c : plan.changes)  // a destroy knows prevent_destroy from the manifests
    for (const DesiredImage& d : kept)
      if (c.action == Action::remove && d.set == c.set && d.key == c.key && !c.desired)
        c.desired = d;
  if (!scope.targets.empty()) {
    GLANCER_TRY(narrowed, restrict_to_targets(plan.changes, scope.targets));
    plan.changes = std::move(narrowed);
    GLANCER_CHECK(check_replace_within_targets(plan.changes, scope.replace));
  }
  GLANCER_CHECK(check_prevent_destroy(plan.changes));
  if (!scope.destroy && !scope.allow_mass_delete)
    GLANCER_CHECK(check_mass_delete(plan.changes, live.images, set_files));
  return plan;
}

}  // namespace glancer
