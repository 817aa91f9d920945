#include "plan/planner.h"

#include <algorithm>
#include <future>
#include <map>
#include <set>
#include <utility>

#include "core/uuid.h"
#include "plan/live_fetch.h"
#include "plan/mass_delete.h"
#include "plan/name_clash.h"
#include "plan/standards.h"
#include "plan/targeting.h"
#include "plan/unmanaged_scan.h"

namespace glancer {

namespace {

// --target: the targeted images and, transitively, the images they reference ("set/key"), so
// only their sources are read. nullopt without targets: every image.
ImageSelection targeted_images(const DesiredState& desired,
                               const std::vector<std::string>& targets) {
  if (targets.empty()) return std::nullopt;
  std::set<std::string> keep;
  std::vector<std::string> todo;
  for (const DesiredImage& d : desired.images)
    for (const std::string& t : targets)
      if (t == d.key || t == image_ref(d.set, d.key)) todo.push_back(image_ref(d.set, d.key));
  while (!todo.empty()) {
    std::string ref = todo.back();
    todo.pop_back();
    if (!keep.insert(ref).second) continue;
    auto slash = ref.find('/');
    if (const DesiredImage* d = desired.find(ref.substr(0, slash), ref.substr(slash + 1)))
      for (const ImageRef& r : d->references) todo.push_back(image_ref(r.set, r.key));
  }
  return keep;
}

// Gives the change of each image whose source failed its error. Without its source nothing can
// be done to a live image, so it is kept as it is; a create or replace stays what the image
// needs, for apply to fail alone and skip what depends on it.
void mark_failures(std::vector<Change>& changes, const std::map<std::string, Error>& failed) {
  for (Change& c : changes) {
    if (c.action == Action::remove) continue;
    auto f = failed.find(image_ref(c.set, c.key));
    if (f == failed.end()) continue;
    c.error = f->second;
    if (c.action == Action::update || c.action == Action::no_op) {
      c.action = Action::no_op;
      c.attributes.clear();
      c.reason = "its source cannot be resolved, so the live image is kept as it is";
    }
  }
}

// lifecycle.prevent_destroy only holds against what apply would do: an errored change does
// nothing.
Status check_planned_prevent_destroy(const std::vector<Change>& changes) {
  if (std::none_of(changes.begin(), changes.end(), [](const Change& c) { return c.error; }))
    return check_prevent_destroy(changes);
  std::vector<Change> planned;
  std::copy_if(changes.begin(), changes.end(), std::back_inserter(planned),
               [](const Change& c) { return !c.error; });
  return check_prevent_destroy(planned);
}

}  // namespace

Planner::Planner(ImageService& service, SourceProbe& probe, const Clock& clock,
                 PlannerOptions options)
    : m_service(service), m_probe(probe), m_clock(clock), m_options(std::move(options)) {
  if (!m_options.new_id) m_options.new_id = new_uuid;
}

Result<Planner::Inputs> Planner::read_inputs(const std::vector<std::string>& paths,
                                             const PlanScope& scope, PlanDiagnostics& diags) {
  Inputs in;
  GLANCER_TRY(desired, load_desired(paths, diags));
  // destroy: the manifests still say what must not be destroyed
  if (scope.destroy) in.kept = std::exchange(desired.images, {});
  // The scope is a copy: the listing thread reads it while prepare_sources changes `desired`.
  auto read_live = [this, live = live_scope(desired)]() -> Result<LiveState> {
    return fetch_live(m_service, live);
  };
  // Only the listing thread touches the service until get(); every way out of this function
  // waits for it (a std::async future joins when destroyed).
  std::future<Result<LiveState>> listing;
  if (m_options.concurrent_listing) listing = std::async(std::launch::async, read_live);
  const ImageSelection selection = targeted_images(desired, scope.targets);
  GLANCER_TRY(failures, prepare_sources(desired, m_probe, diags, selection));
  // The standards' rules that need a resolved source (plan/standards.h).
  std::set<size_t> failed;
  for (const SourceFailure& f : failures) failed.insert(f.image);
  for (SourceFailure& f : apply_standards(desired, m_probe, m_clock.now(), failed, selection)) {
    diags.sources.error(f.error.where, f.error.message);
    failures.push_back(std::move(f));
  }
  GLANCER_TRY(live, listing.valid() ? listing.get() : read_live());
  in.desired = std::move(desired);
  in.live = std::move(live);
  in.failures = std::move(failures);
  return in;
}

Result<Plan> Planner::plan(const std::vector<std::string>& paths, const PlanScope& scope,
                           PlanDiagnostics& diags) {
  GLANCER_TRY(in, read_inputs(paths, scope, diags));
  Plan plan;
  plan.target = m_service.describe();
  plan.created_at = utc_now(m_clock);
  for (const auto& s : in.desired.sets)
    if (std::find(plan.sets.begin(), plan.sets.end(), s.name) == plan.sets.end())
      plan.sets.push_back(s.name);
  const SetFiles set_files = files_of_sets(in.desired);
  warn_name_clashes(in.desired.images, in.live.images, diags.manifests);
  std::map<std::string, Error> failed;  // set/key → why its source failed
  for (const SourceFailure& f : in.failures) {
    const DesiredImage& d = in.desired.images[f.image];
    failed.emplace(image_ref(d.set, d.key), f.error);
  }
  std::set<std::string> replace(scope.replace.begin(), scope.replace.end());
  plan.changes = diff(std::move(in.desired), in.live, m_options.new_id, replace);
  mark_failures(plan.changes, failed);
  GLANCER_CHECK(check_names(plan.changes, scope.replace, "--replace"));
  for (Change& c : plan.changes)  // a destroy knows prevent_destroy from the manifests
    for (const DesiredImage& d : in.kept)
      if (c.action == Action::remove && d.set == c.set && d.key == c.key && !c.desired)
        c.desired = d;
  if (!scope.targets.empty()) {
    GLANCER_TRY(narrowed, restrict_to_targets(plan.changes, scope.targets));
    plan.changes = std::move(narrowed);
    GLANCER_CHECK(check_replace_within_targets(plan.changes, scope.replace));
  }
  GLANCER_CHECK(check_planned_prevent_destroy(plan.changes));
  if (!scope.destroy && !scope.allow_mass_delete)
    GLANCER_CHECK(check_mass_delete(plan.changes, in.live.images, set_files));
  return plan;
}

Result<DriftReport> Planner::drift(const std::vector<std::string>& paths, DriftOptions options,
                                   PlanDiagnostics& diags) {
  GLANCER_TRY(in, read_inputs(paths, {}, diags));
  // The manifests as the plan sees them: diff substitutes each reference with the id its image
  // keeps, or k_id_after_apply for one the plan would make.
  DesiredState resolved;
  resolved.sets = in.desired.sets;
  std::vector<Change> changes =
      diff(std::move(in.desired), in.live, [] { return std::string(k_id_after_apply); });
  for (Change& c : changes)
    if (c.action != Action::remove && c.desired) resolved.images.push_back(std::move(*c.desired));
  options.now = utc_now(m_clock);
  DriftReport report = detect_drift(resolved, in.live, options);
  const size_t judged = report.drift.size();
  GLANCER_CHECK(scan_unmanaged(m_service, resolved, in.live, options, report.drift));
  if (report.drift.size() > judged) sort_drift(report.drift);
  return report;
}

}  // namespace glancer
