#include "cli/run.h"

#include <CLI/CLI.hpp>

#include <iostream>

#include "cli/commands.h"

namespace glancer {

int run_cli(int argc, char** argv) {
  CLI::App app{"glancer: keep OpenStack Glance images in a declared state"};
  app.set_version_flag("--version", std::string("glancer ") + GLANCER_VERSION);
  app.require_subcommand(1);
  app.fallthrough();  // global options are accepted after the command too

  GlobalOptions global;
  app.add_option("--store", global.store_dir,
                 "Embedded store directory (default ./.glancer/store)");

  int code = 0;

  ValidateArgs validate;
  auto* validate_cmd = app.add_subcommand("validate", "Check manifests without contacting a service");
  validate_cmd->add_option("paths", validate.paths, "Manifest files or directories");
  validate_cmd->callback([&] { code = run_validate(global, validate); });

  PlanArgs plan;
  auto* plan_cmd = app.add_subcommand("plan", "Show what apply would change");
  plan_cmd->add_option("paths", plan.paths, "Manifest files or directories");
  plan_cmd->add_option("--out", plan.out, "Save the plan to FILE for `glancer apply FILE`");
  plan_cmd->add_flag("--detailed-exitcode", plan.detailed_exitcode,
                     "Exit 2 when there are changes, 0 when none, 1 on error");
  plan_cmd->add_option("--format", plan.format, "human or json")->check(CLI::IsMember({"human", "json"}));
  plan_cmd->callback([&] { code = run_plan(global, plan); });

  ApplyArgs apply;
  auto* apply_cmd = app.add_subcommand("apply", "Make the image service match the manifests");
  apply_cmd->add_option("paths", apply.paths, "Manifest files or directories, or one saved plan");
  apply_cmd->add_flag("--auto-approve", apply.auto_approve, "Do not ask for confirmation");
  apply_cmd->callback([&] { code = run_apply(global, apply); });

  ShowArgs show;
  auto* show_cmd = app.add_subcommand("show", "Render a saved plan");
  show_cmd->add_option("planfile", show.plan_file, "A plan saved with `glancer plan --out`")->required();
  show_cmd->add_option("--format", show.format, "human or json")->check(CLI::IsMember({"human", "json"}));
  show_cmd->callback([&] { code = run_show(global, show); });

  DriftArgs drift;
  auto* drift_cmd = app.add_subcommand("drift", "Report how the service departs from the manifests");
  drift_cmd->add_option("paths", drift.paths, "Manifest files or directories");
  drift_cmd->add_option("--format", drift.format, "human or json")->check(CLI::IsMember({"human", "json"}));
  drift_cmd->add_flag("--ignore-unmanaged", drift.ignore_unmanaged,
                      "Do not report images that no loaded set owns");
  drift_cmd->callback([&] { code = run_drift(global, drift); });

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 1;
  } catch (const std::exception& e) {
    std::cerr << "glancer: error: " << e.what() << "\n";
    return 1;
  }
  return code;
}

}  // namespace glancer
