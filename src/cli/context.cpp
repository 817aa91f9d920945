#include "cli/context.h"

#include <algorithm>
#include <cstdlib>
#include <future>
#include <set>
#include <utility>

#include "cli/url_opener.h"
#include "cloud/cloud_config.h"
#include "core/clock.h"
#include "core/diagnostics.h"
#include "core/uuid.h"
#include "glance/http_image_service.h"
#include "manifest/loader.h"
#include "plan/diff.h"
#include "plan/labels.h"
#include "plan/targeting.h"
#include "store/local_image_service.h"

namespace glancer {

Result<Format> parse_format(const std::string& text) {
  if (text == "human") return Format::human;
  if (text == "json") return Format::json;
  if (text == "markdown") return Format::markdown;
  if (text == "junit") return Format::junit;
  return fail(ErrorCode::invalid_argument,
              "unknown format `" + text + "` (use human, json, markdown or junit)");
}

Result<std::unique_ptr<ImageService>> open_target(const GlobalOptions& options) {
  if (!options.cloud.empty() || options.store_dir.empty()) {
    ConfigSources sources = default_config_sources();
    GLANCER_TRY(cloud, resolve_cloud(sources, options.cloud));
    if (cloud) {
      HttpServiceOptions http;
      const char* level = std::getenv("GLANCER_LOG");
      if (options.debug || (level && std::string(level) == "debug"))
        http.debug = [](const std::string& line) { std::cerr << "debug: " << line << "\n"; };
      GLANCER_TRY(service, HttpImageService::open(*cloud, std::move(http)));
      return std::unique_ptr<ImageService>(std::move(service));
    }
  }
  const std::string dir = options.store_dir.empty() ? "./.glancer/store" : options.store_dir;
  LocalStoreOptions store_options;
  store_options.open_url = url_source_opener();  // the store's web-download
  GLANCER_TRY(store, LocalImageService::open(dir, std::move(store_options)));
  return std::unique_ptr<ImageService>(std::move(store));
}

void print_target(const std::string& description, Format format) {
  (format == Format::human ? std::cout : std::cerr) << "target: " << description << "\n";
}

Status report_diagnostics(const Diagnostics& diags, const std::string& what) {
  for (const Diagnostic& d : diags.sorted()) std::cerr << d.to_string() << "\n";
  if (!diags.has_errors()) return {};
  size_t n = 0;
  for (const auto& d : diags.items()) n += d.severity == Severity::error;
  return fail(ErrorCode::invalid_manifest,
              what + " " + std::to_string(n) + " error" + (n == 1 ? "" : "s"));
}

Result<DesiredState> load_desired(const std::vector<std::string>& paths) {
  std::vector<std::filesystem::path> files(paths.begin(), paths.end());
  if (files.empty()) files.push_back(".");
  Diagnostics diags;
  DesiredState state = load_manifests(files, diags);
  GLANCER_CHECK(report_diagnostics(diags, "the manifests have"));
  return state;
}

Result<LiveState> fetch_live(ImageService& service, const DesiredState& desired) {
  return fetch_live(service, desired, service.list({}));
}

Result<LiveState> fetch_live(ImageService& service, const DesiredState& desired,
                             Result<std::vector<Image>> listed) {
  LiveState live;
  GLANCER_TRY(images, std::move(listed));
  live.images = std::move(images);
  // Members are not part of an image document: fetch them for the managed shared images only.
  for (const Image& im : live.images) {
    auto set = im.property(labels::k_set);
    if (im.visibility != "shared" || !set || !desired.has_set(*set)) continue;
    GLANCER_TRY(members, service.list_members(im.id));
    live.members[im.id] = std::move(members);
  }
  return live;
}

Result<Plan> make_plan(ImageService& service, const std::vector<std::string>& paths,
                       const PlanScope& scope) {
  // Only the listing thread touches `service` until get(); every way out of this function
  // waits for it (a std::async future joins when destroyed).
  auto listing = std::async(std::launch::async, [&service] { return service.list({}); });
  GLANCER_TRY(desired, load_desired(paths));
  std::vector<DesiredImage> kept;  // destroy: the manifests still say what must not be destroyed
  if (scope.destroy) kept = std::exchange(desired.images, {});
  GLANCER_CHECK(resolve_sources(desired));
  GLANCER_TRY(live, fetch_live(service, desired, listing.get()));
  Plan plan;
  plan.target = service.describe();
  plan.created_at = utc_now();
  for (const auto& s : desired.sets)
    if (std::find(plan.sets.begin(), plan.sets.end(), s.name) == plan.sets.end())
      plan.sets.push_back(s.name);
  std::set<std::string> replace(scope.replace.begin(), scope.replace.end());
  plan.changes = diff(std::move(desired), live, new_uuid, replace);
  for (const std::string& r : scope.replace)
    if (std::none_of(plan.changes.begin(), plan.changes.end(),
                     [&](const Change& c) { return change_matches(c, r); }))
      return fail(ErrorCode::invalid_argument,
                  "--replace `" + r + "` names no image of the loaded sets");
  for (Change& c : plan.changes)  // a destroy knows prevent_destroy from the manifests
    for (const DesiredImage& d : kept)
      if (c.action == Action::remove && d.set == c.set && d.key == c.key && !c.desired)
        c.desired = d;
  if (!scope.targets.empty()) {
    GLANCER_TRY(narrowed, restrict_to_targets(plan.changes, scope.targets));
    plan.changes = std::move(narrowed);
  }
  GLANCER_CHECK(check_prevent_destroy(plan.changes));
  return plan;
}

int report_error(const Error& error) {
  std::cerr << "glancer: error: " << error.to_string() << "\n";
  return 1;
}

}  // namespace glancer
