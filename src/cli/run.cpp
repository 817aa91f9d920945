#include "cli/run.h"

#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/commands.h"
#include "cli/doc_commands.h"
#include "cli/help_formatter.h"
#include "cli/multi_cloud.h"
#include "cli/version.h"

namespace glancer {

int run_cli(int argc, char** argv) {
  if (auto clouds = several_clouds(argc, argv)) return run_each_cloud(argc, argv, *clouds);
  // Named here, so CLI11 does not take argv[0] (a build path) for "Usage: glancer …".
  CLI::App app{"glancer: keep OpenStack Glance images in a declared state", "glancer"};
  app.formatter(std::make_shared<HelpFormatter>());  // before the subcommands: they copy it
  app.set_version_flag("--version", std::string("glancer ") + version());
  app.require_subcommand(1);
  app.fallthrough();  // global options are accepted after the command too

  GlobalOptions global;
  app.add_option("--store", global.store_dir, "Embedded store directory (default ./.glancer/store)")
      ->type_name("DIR");
  app.add_option("--cloud", global.cloud,
                 "Cloud from clouds.yaml (default: OS_CLOUD, OS_* variables); repeat it to plan or "
                 "apply several clouds at once")
      ->type_name("NAME");
  app.add_flag("--debug", global.debug,
               "Log every HTTP request (secrets redacted); also GLANCER_LOG=debug");
  app.add_flag("--no-color", global.no_color,
               "Never colour output (also NO_COLOR=1); colour is used only on a terminal");
  const auto report_formats = CLI::IsMember({"human", "json", "markdown", "junit"});

  int code = 0;

  ValidateArgs validate;
  auto* validate_cmd =
      app.add_subcommand("validate", "Check manifests without contacting a service");
  validate_cmd->add_option("paths", validate.paths, "Manifest files or directories");
  validate_cmd->add_option("--format", validate.format, "human, or json: {valid, diagnostics[]}")
      ->check(CLI::IsMember({"human", "json"}));
  validate_cmd->callback([&] { code = run_validate(global, validate); });

  PlanArgs plan;
  auto* plan_cmd = app.add_subcommand("plan", "Show what apply would change");
  plan_cmd->add_option("paths", plan.paths, "Manifest files or directories");
  plan_cmd->add_option("--out", plan.out, "Save the plan to FILE for `glancer apply FILE`")
      ->type_name("FILE");
  plan_cmd->add_flag("--detailed-exitcode", plan.detailed_exitcode,
                     "Exit 2 when there are changes, 0 when none, 1 on error");
  plan_cmd->add_option("--format", plan.format, "human, json, markdown or junit (docs/output.md)")
      ->check(report_formats);
  plan_cmd
      ->add_option("--target", plan.scope.targets,
                   "Only this image (KEY or SET/KEY) and what it references; repeatable")
      ->allow_extra_args(false)
      ->type_name("KEY");
  plan_cmd
      ->add_option("--replace", plan.scope.replace,
                   "Replace this image even if unchanged; repeatable")
      ->allow_extra_args(false)
      ->type_name("KEY");
  plan_cmd->add_flag("--allow-mass-delete", plan.scope.allow_mass_delete,
                     "Allow deleting more than half of a set's images");
  plan_cmd->callback([&] { code = run_plan(global, plan); });

  ApplyArgs apply;
  auto* apply_cmd = app.add_subcommand("apply", "Make the image service match the manifests");
  apply_cmd->add_option("paths", apply.paths, "Manifest files or directories, or one saved plan");
  apply_cmd->add_flag("--auto-approve", apply.auto_approve, "Do not ask for confirmation");
  apply_cmd->add_option("--parallelism", apply.parallelism, "Actions run at once (default 4)")
      ->check(CLI::Range(1, 64));
  apply_cmd
      ->add_option("--format", apply.format,
                   "human, json (events), markdown or junit (final report)")
      ->check(report_formats);
  apply_cmd
      ->add_option("--target", apply.scope.targets,
                   "Only this image (KEY or SET/KEY) and what it references; repeatable")
      ->allow_extra_args(false)
      ->type_name("KEY");
  apply_cmd
      ->add_option("--replace", apply.scope.replace,
                   "Replace this image even if unchanged; repeatable")
      ->allow_extra_args(false)
      ->type_name("KEY");
  apply_cmd->add_flag("--allow-mass-delete", apply.scope.allow_mass_delete,
                      "Allow deleting more than half of a set's images");
  apply_cmd->callback([&] { code = run_apply(global, apply); });

  ApplyArgs destroy;
  destroy.scope.destroy = true;
  auto* destroy_cmd = app.add_subcommand("destroy", "Delete every image of the loaded sets");
  destroy_cmd->add_option("paths", destroy.paths, "Manifest files or directories");
  destroy_cmd->add_flag("--auto-approve", destroy.auto_approve, "Do not ask for confirmation");
  destroy_cmd->add_option("--parallelism", destroy.parallelism, "Actions run at once (default 4)")
      ->check(CLI::Range(1, 64));
  destroy_cmd
      ->add_option("--format", destroy.format,
                   "human, json (events), markdown or junit (final report)")
      ->check(report_formats);
  destroy_cmd->callback([&] { code = run_apply(global, destroy); });

  ImportArgs import;
  auto* import_cmd = app.add_subcommand("import", "Adopt an existing image into a set");
  import_cmd->add_option("key", import.key, "The manifest image (KEY or SET/KEY)")
      ->required()
      ->type_name("KEY");
  import_cmd->add_option("image_id", import.image_id, "The existing image's id")
      ->required()
      ->type_name("ID");
  import_cmd->add_option("paths", import.paths, "Manifest files or directories");
  import_cmd->callback([&] { code = run_import(global, import); });

  ShowArgs show;
  auto* show_cmd = app.add_subcommand("show", "Render a saved plan");
  show_cmd->add_option("planfile", show.plan_file, "A plan saved with `glancer plan --out`")
      ->required();
  show_cmd->add_option("--format", show.format, "human, json, markdown or junit (docs/output.md)")
      ->check(report_formats);
  show_cmd->callback([&] { code = run_show(global, show); });

  DriftArgs drift;
  auto* drift_cmd =
      app.add_subcommand("drift", "Report how the service departs from the manifests");
  drift_cmd->add_option("paths", drift.paths, "Manifest files or directories");
  drift_cmd->add_option("--format", drift.format, "human, json, markdown or junit (docs/output.md)")
      ->check(report_formats);
  drift_cmd->add_flag("--ignore-unmanaged", drift.ignore_unmanaged,
                      "Do not report images that no loaded set owns");
  drift_cmd
      ->add_option("--unmanaged-scope", drift.unmanaged_scope,
                   "Which unmanaged images to report: owned (the caller's project's), public "
                   "(those and every public and community image; the default) or all")
      ->check(CLI::IsMember({"owned", "public", "all"}));
  drift_cmd->callback([&] { code = run_drift(global, drift); });

  CatalogueArgs catalogue;
  auto* catalogue_cmd =
      app.add_subcommand("catalogue", "Render the live images of the sets for customers");
  catalogue_cmd->add_option("paths", catalogue.paths, "Manifest files or directories");
  catalogue_cmd->add_option("--format", catalogue.format, "json, markdown or html (docs/output.md)")
      ->check(CLI::IsMember({"json", "markdown", "html"}));
  catalogue_cmd->add_option("--out", catalogue.out, "Write the catalogue to FILE, not stdout")
      ->type_name("FILE");
  catalogue_cmd->callback([&] { code = run_catalogue(global, catalogue); });

  UpdateArgs update;
  auto* update_cmd = app.add_subcommand(
      "update", "Pin newer upstream releases of tracked images (source.track) in the manifests");
  update_cmd->add_option("paths", update.paths, "Manifest files or directories");
  update_cmd->add_flag("--dry-run", update.dry_run, "Print each file's diff; write nothing");
  update_cmd->add_option("--target", update.target, "Only this image (KEY or SET/KEY)")
      ->type_name("KEY");
  update_cmd->add_option("--format", update.format, "human, or json (schemas/update.schema.json)")
      ->check(CLI::IsMember({"human", "json"}));
  update_cmd->callback([&] { code = run_update(global, update); });

  GraphArgs graph;
  auto* graph_cmd = app.add_subcommand("graph", "Print the plan's action graph");
  graph_cmd->add_option("paths", graph.paths, "Manifest files or directories");
  graph_cmd->add_option("--format", graph.format, "dot or mermaid")
      ->check(CLI::IsMember({"dot", "mermaid"}));
  graph_cmd->callback([&] { code = run_graph(global, graph); });

  ServeArgs serve;
  auto* serve_cmd = app.add_subcommand("serve", "Serve the embedded store over the Glance v2 API");
  serve_cmd
      ->add_option("--listen", serve.listen,
                   "HOST:PORT to listen on (default 127.0.0.1:9292; port 0 = any free port)")
      ->type_name("ADDRESS");
  serve_cmd
      ->add_option("--token", serve.token,
                   "Require this X-Auth-Token on every request (or set GLANCER_SERVE_TOKEN)")
      ->type_name("TOKEN");
  serve_cmd
      ->add_option("--faults", serve.faults,
                   "Inject faults for testing clients, e.g. rate=0.2,seed=7 (docs/serve.md)")
      ->type_name("SPEC");
  serve_cmd
      ->add_option("--max-image-size", serve.max_image_size,
                   "Largest image accepted, e.g. 50GiB (default 1TiB; 413 beyond)")
      ->transform(CLI::AsSizeValue(false))
      ->type_name("SIZE");
  serve_cmd
      ->add_option("--read-timeout", serve.read_timeout_s,
                   "Seconds a client has to send a request's headers or JSON body, and the longest "
                   "an upload may stall (default 30)")
      ->check(CLI::PositiveNumber)
      ->type_name("SECONDS");
  serve_cmd
      ->add_option("--auth-cloud", serve.auth_cloud,
                   "Validate callers' Keystone tokens with this cloud of clouds.yaml (its "
                   "credentials are serve's service identity) and apply Glance's rules per "
                   "project (docs/serve.md)")
      ->type_name("NAME");
  serve_cmd
      ->add_option("--auth-cache", serve.auth_cache_s,
                   "Seconds a validated token is trusted before Keystone is asked again "
                   "(default 120, at most 300; never past the token's expiry)")
      ->check(CLI::Range(0, 300))
      ->type_name("SECONDS");
  serve_cmd->callback([&] { code = run_serve(global, serve); });

  add_doc_commands(app, code);

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
