#include <algorithm>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/context.h"
#include "core/diagnostics.h"
#include "manifest/loader.h"
#include "plan/content_check.h"
#include "plan/plan_inputs.h"
#include "source/system_source_probe.h"

namespace glancer {

namespace {

// `glancer validate --format json`: {"valid": bool, "diagnostics": [{file, line, column,
// severity, message}]} on stdout, sorted by file and position, and nothing else.
int validate_json(const std::vector<std::string>& paths) {
  std::vector<std::filesystem::path> files(paths.begin(), paths.end());
  if (files.empty()) files.push_back(".");
  Diagnostics diags;
  DesiredState state = load_manifests(files, diags);
  SystemSourceProbe probe;
  if (!diags.has_errors()) check_source_contents(state, probe, diags);  // else it is incomplete
  nlohmann::json list = nlohmann::json::array();
  for (const Diagnostic& d : diags.sorted())
    list.push_back({{"file", d.where.file},
                    {"line", d.where.line},
                    {"column", d.where.column},
                    {"severity", severity_name(d.severity)},
                    {"message", d.message}});
  bool valid = !diags.has_errors();
  // Invalid UTF-8 quoted from a hostile file must not make dump() throw.
  std::cout << nlohmann::json{{"valid", valid}, {"diagnostics", list}}.dump(
                   2, ' ', false, nlohmann::json::error_handler_t::replace)
            << "\n";
  return valid ? 0 : 1;
}

}  // namespace

int run_validate(const GlobalOptions&, const ValidateArgs& args) {
  if (args.format == "json") return validate_json(args.paths);
  PlanDiagnostics diags;
  auto desired = load_desired(args.paths, diags);
  print_diagnostics(diags.manifests);
  if (!desired) return report_error(desired.error());
  SystemSourceProbe probe;
  check_source_contents(*desired, probe, diags.contents);
  if (auto reported = report_diagnostics(diags.contents, k_content_errors); !reported)
    return report_error(reported.error());
  size_t sets = 0;
  std::vector<std::string> seen;
  for (const auto& s : desired->sets)
    if (std::find(seen.begin(), seen.end(), s.name) == seen.end()) seen.push_back(s.name), ++sets;
  std::cout << "The manifests are valid: " << desired->images.size() << " image"
            << (desired->images.size() == 1 ? "" : "s") << " in " << sets << " set"
            << (sets == 1 ? "" : "s") << ".\n";
  return 0;
}

}  // namespace glancer
