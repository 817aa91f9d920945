#include "cli/context.h"

#include <cstdlib>
#include <utility>

#include "cli/url_opener.h"
#include "cloud/cloud_config.h"
#include "glance/http_image_service.h"
#include "store/local_image_service.h"

namespace glancer {

namespace {
constexpr const char* k_default_store = "./.glancer/store";
}  // namespace

Result<Format> parse_format(const std::string& text) {
  if (text == "human") return Format::human;
  if (text == "json") return Format::json;
  if (text == "markdown") return Format::markdown;
  if (text == "junit") return Format::junit;
  return fail(ErrorCode::invalid_argument,
              "unknown format `" + text + "` (use human, json, markdown or junit)");
}

Result<std::unique_ptr<ImageService>> open_target(const GlobalOptions& options,
                                                  TargetAccess access) {
  if (!options.cloud.empty() && !options.store_dir.empty())
    return fail(ErrorCode::invalid_argument,
                "--cloud " + options.cloud + " and --store " + options.store_dir +
                    " name two targets; give one (--store is the embedded store, --cloud a "
                    "cloud of clouds.yaml)");
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
  const std::string dir = options.store_dir.empty() ? k_default_store : options.store_dir;
  if (access == TargetAccess::read && !LocalImageService::exists(dir)) {
    // A read that created a store would hide a typo in --store or a missing cloud config
    // behind an empty service, and a plan against it would propose creating everything.
    if (options.store_dir.empty())
      return fail(ErrorCode::not_found,
                  std::string("no image service configured and no store at ") + k_default_store +
                      "; `glancer apply` creates it, or use --cloud");
    return fail(ErrorCode::not_found, "no store at " + dir + " (--store); `glancer apply --store " +
                                          dir + "` creates it");
  }
  LocalStoreOptions store_options;
  store_options.open_url = url_source_opener();  // the store's web-download
  GLANCER_TRY(store, LocalImageService::open(dir, std::move(store_options)));
  return std::unique_ptr<ImageService>(std::move(store));
}

void print_target(const std::string& description, Format format) {
  (format == Format::human ? std::cout : std::cerr) << "target: " << description << "\n";
}

void print_diagnostics(const Diagnostics& diags) {
  for (const Diagnostic& d : diags.sorted()) std::cerr << d.to_string() << "\n";
}

void print_diagnostics(const PlanDiagnostics& diags) {
  print_diagnostics(diags.manifests);
  print_diagnostics(diags.contents);
}

Status report_diagnostics(const Diagnostics& diags, const std::string& what) {
  print_diagnostics(diags);
  return diagnostics_status(diags, what);
}

int report_error(const Error& error) {
  std::cerr << "glancer: error: " << error.to_string() << "\n";
  return 1;
}

}  // namespace glancer
