#include "cli/context.h"

#include <algorithm>

#include "core/clock.h"
#include "core/diagnostics.h"
#include "manifest/loader.h"
#include "plan/diff.h"
#include "plan/labels.h"
#include "source/file_source.h"
#include "store/local_image_service.h"

namespace glancer {

Result<Format> parse_format(const std::string& text) {
  if (text == "human") return Format::human;
  if (text == "json") return Format::json;
  return fail(ErrorCode::invalid_argument, "unknown format `" + text + "` (use human or json)");
}

Result<std::unique_ptr<ImageService>> open_target(const GlobalOptions& options) {
  const std::string dir = options.store_dir.empty() ? "./.glancer/store" : options.store_dir;
  GLANCER_TRY(store, LocalImageService::open(dir));
  return std::unique_ptr<ImageService>(std::move(store));
}

void print_target(const std::string& description, Format format) {
  (format == Format::human ? std::cout : std::cerr) << "target: " << description << "\n";
}

Result<DesiredState> load_desired(const std::vector<std::string>& paths) {
  std::vector<std::filesystem::path> files(paths.begin(), paths.end());
  if (files.empty()) files.push_back(".");
  Diagnostics diags;
  DesiredState state = load_manifests(files, diags);
  for (const Diagnostic& d : diags.sorted()) std::cerr << d.to_string() << "\n";
  if (diags.has_errors()) {
    size_t n = 0;
    for (const auto& d : diags.items()) n += d.severity == Severity::error;
    return fail(ErrorCode::invalid_manifest,
                "the manifests have " + std::to_string(n) + " error" + (n == 1 ? "" : "s"));
  }
  return state;
}

Status resolve_sources(DesiredState& desired) {
  for (DesiredImage& d : desired.images) {
    if (!d.source) continue;
    if (!d.source->url.empty())
      return fail(ErrorCode::invalid_manifest,
                  "image `" + d.key + "`: url sources are not supported by this version yet; use `file:`",
                  d.pos("source.url"));
    if (d.source->checksum) continue;  // verified while uploading, no need to read it now
    GLANCER_TRY(digest, digest_file(d.source->file, HashAlgo::sha256));
    d.source->checksum = digest;
  }
  return {};
}

Result<LiveState> fetch_live(ImageService& service, const DesiredState& desired) {
  LiveState live;
  GLANCER_TRY(images, service.list({}));
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

Result<Plan> make_plan(ImageService& service, const std::vector<std::string>& paths) {
  GLANCER_TRY(desired, load_desired(paths));
  GLANCER_CHECK(resolve_sources(desired));
  GLANCER_TRY(live, fetch_live(service, desired));
  Plan plan;
  plan.target = service.describe();
  plan.created_at = utc_now();
  for (const auto& s : desired.sets)
    if (std::find(plan.sets.begin(), plan.sets.end(), s.name) == plan.sets.end())
      plan.sets.push_back(s.name);
  plan.changes = diff(desired, live);
  return plan;
}

int report_error(const Error& error) {
  std::cerr << "glancer: error: " << error.to_string() << "\n";
  return 1;
}

}  // namespace glancer
