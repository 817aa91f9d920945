#pragma once
/// What every command shares: global options, opening the target, printing to the output
/// streams.

#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "core/diagnostics.h"
#include "core/result.h"
#include "glance/image_service.h"
#include "plan/plan_inputs.h"
#include "report/format.h"

namespace glancer {

/// Options common to every command.
struct GlobalOptions {
  std::string store_dir;  ///< --store; empty = ./.glancer/store
  std::string cloud;      ///< --cloud NAME (clouds.yaml); empty = OS_CLOUD / OS_* / the only cloud
  bool debug = false;     ///< --debug (or GLANCER_LOG=debug): log every HTTP request, redacted
  bool no_color = false;  ///< --no-color (or NO_COLOR set): never colour human output
};

/// Parses "human" / "json" / "markdown" / "junit".
Result<Format> parse_format(const std::string& text);

/// Whether a command may create the embedded store it targets.
enum class TargetAccess {
  read,    ///< plan, drift, graph, destroy, …: a missing store is an error, never created
  create,  ///< apply, import: the first apply creates the store
};

/// Opens the image service the options name: --cloud NAME; else --store DIR (the embedded
/// store); else a cloud from OS_CLOUD, the OS_* variables or the only cloud of clouds.yaml;
/// else the embedded store at ./.glancer/store. Explicit flags beat the environment, but
/// --cloud with --store is invalid_argument (two targets). With TargetAccess::read a missing
/// store is not_found and nothing is created. A cloud is authenticated here, so bad
/// credentials fail once, before any work.
Result<std::unique_ptr<ImageService>> open_target(const GlobalOptions& options,
                                                  TargetAccess access = TargetAccess::read);

/// Prints the "target: …" first line, to stdout for human output and stderr otherwise
/// (so JSON on stdout stays parseable).
void print_target(const std::string& description, Format format);

/// Prints every diagnostic to stderr, sorted by position.
void print_diagnostics(const Diagnostics& diags);

/// Prints the manifests' diagnostics, then the image files', each group sorted (what a
/// planning step reports; see plan/plan_inputs.h).
void print_diagnostics(const PlanDiagnostics& diags);

/// Prints every diagnostic to stderr, sorted; invalid_manifest ("WHAT N errors") if any is an
/// error.
Status report_diagnostics(const Diagnostics& diags, const std::string& what);

/// Prints an error as "glancer: error: …" to stderr and returns exit code 1.
int report_error(const Error& error);

}  // namespace glancer
