#pragma once
/// One function per command; run.cpp wires them to the CLI11 command table.

#include <cstdint>
#include <string>
#include <vector>

#include "cli/context.h"
#include "cli/planning.h"
#include "plan/planner.h"

namespace glancer {

struct ValidateArgs {
  std::vector<std::string> paths;
  std::string format = "human";  ///< human (diagnostics on stderr) | json (only JSON on stdout)
};
/// `glancer validate`: exit 0 valid, 1 invalid.
int run_validate(const GlobalOptions& global, const ValidateArgs& args);

struct PlanArgs {
  std::vector<std::string> paths;
  std::string out;
  bool detailed_exitcode = false;
  std::string format = "human";
  PlanScope scope;
};
/// `glancer plan`: exit 0, 1 error, 2 changes with --detailed-exitcode.
int run_plan(const GlobalOptions& global, const PlanArgs& args);

struct ApplyArgs {
  std::vector<std::string> paths;  ///< manifests, or exactly one saved plan file
  bool auto_approve = false;
  int parallelism = 4;
  PlanScope scope;  ///< scope.destroy for `glancer destroy`
  std::string format =
      "human";  ///< human | json (events, one per line) | markdown | junit (final report)
};
/// `glancer apply` and `glancer destroy`: exit 0 ok, 1 error or any failed change.
int run_apply(const GlobalOptions& global, const ApplyArgs& args);

struct ShowArgs {
  std::string plan_file;
  std::string format = "human";
};
/// `glancer show PLANFILE`: exit 0, 1.
int run_show(const GlobalOptions& global, const ShowArgs& args);

struct DriftArgs {
  std::vector<std::string> paths;
  std::string format = "human";
  bool ignore_unmanaged = false;
  std::string unmanaged_scope = "public";  ///< owned | public | all (plan/drift.h UnmanagedScope)
};
/// `glancer drift`: exit 0 no drift, 1 error, 2 drift.
int run_drift(const GlobalOptions& global, const DriftArgs& args);

struct CatalogueArgs {
  std::vector<std::string> paths;
  std::string format = "markdown";  ///< json | markdown | html
  std::string out;                  ///< write here (atomically) instead of stdout
};
/// `glancer catalogue`: the live images of the loaded sets for customers; exit 0, 1.
int run_catalogue(const GlobalOptions& global, const CatalogueArgs& args);

struct ImportArgs {
  std::string key;  ///< KEY or SET/KEY of a manifest image
  std::string image_id;
  std::vector<std::string> paths;
};
/// `glancer import KEY IMAGE_ID`: adopt an unlabelled image into its set; exit 0, 1.
int run_import(const GlobalOptions& global, const ImportArgs& args);

struct GraphArgs {
  std::vector<std::string> paths;
  std::string format = "dot";  ///< dot | mermaid
};
/// `glancer graph`: the action graph of the plan; exit 0, 1.
int run_graph(const GlobalOptions& global, const GraphArgs& args);

struct UpdateArgs {
  std::vector<std::string> paths;
  bool dry_run = false;          ///< print the diffs, write nothing
  std::string target;            ///< only this image (KEY or SET/KEY)
  std::string format = "human";  ///< human | json (schemas/update.schema.json)
};
/// `glancer update`: pin newer upstream releases (source.track); exit 0 none, 2 pins changed
/// (or would, with --dry-run), 1 an error (the other images are still updated).
int run_update(const GlobalOptions& global, const UpdateArgs& args);

struct ServeArgs {
  std::string listen = "127.0.0.1:9292";  ///< HOST:PORT; port 0 picks a free port
  std::string token;                      ///< required X-Auth-Token (else GLANCER_SERVE_TOKEN)
  std::string faults;                     ///< fault injection spec (docs/serve.md), "" = none
  uint64_t max_image_size = uint64_t{1} << 40;  ///< bytes; larger uploads get 413
  double read_timeout_s = 30;  ///< seconds for a request's headers / a stalled read
  std::string auth_cloud;  ///< --auth-cloud: validate callers' tokens with this cloud's Keystone
  int auth_cache_s = 120;  ///< how long a validated token's answer is reused (0..300)
};
/// `glancer serve`: runs until SIGINT/SIGTERM; exit 0 after a clean stop, 1 on error.
int run_serve(const GlobalOptions& global, const ServeArgs& args);

}  // namespace glancer
