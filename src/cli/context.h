#pragma once
/// What every command shares: global options, the target, the output streams.

#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "core/diagnostics.h"
#include "core/result.h"
#include "glance/image_service.h"
#include "manifest/desired_state.h"
#include "plan/diff.h"
#include "plan/plan.h"
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

/// Opens the image service the options name: --cloud NAME; else --store DIR (the embedded
/// store); else a cloud from OS_CLOUD, the OS_* variables or the only cloud of clouds.yaml;
/// else the embedded store at ./.glancer/store. A cloud is authenticated here, so bad
/// credentials fail once, before any work.
Result<std::unique_ptr<ImageService>> open_target(const GlobalOptions& options);

/// Prints the "target: …" first line, to stdout for human output and stderr otherwise
/// (so JSON on stdout stays parseable).
void print_target(const std::string& description, Format format);

/// Loads manifests from `paths` (default: the current directory), printing every diagnostic
/// to stderr; fails with invalid_manifest if any is an error.
Result<DesiredState> load_desired(const std::vector<std::string>& paths);

/// Prints every diagnostic to stderr, sorted; invalid_manifest ("WHAT N errors") if any is an
/// error.
Status report_diagnostics(const Diagnostics& diags, const std::string& what);

/// Checks the header of every file source against its declared disk_format and refuses data
/// that reads other files unless allowed (source/format_inspector.h); one error per finding,
/// at the image's `source.file`, naming the image.
void check_source_contents(const DesiredState& desired, Diagnostics& diags);

/// Resolves what the planner needs before diffing (src/cli/sources.cpp): first every file
/// source's content check (check_source_contents, errors printed, invalid_manifest); then the
/// sha256 of every file source without a checksum (streamed, constant memory); for URL sources
/// the digest their `checksum_url` publishes for the URL's file name, and the mirror's
/// Last-Modified as the release label when the manifest gives no `version`. Errors name the
/// image and field.
Status resolve_sources(DesiredState& desired);

/// Lists the service once, plus the members of managed shared images.
Result<LiveState> fetch_live(ImageService& service, const DesiredState& desired);

/// The live state from a listing already made (`listed`: the result of service.list({})),
/// plus the members of managed shared images.
Result<LiveState> fetch_live(ImageService& service, const DesiredState& desired,
                             Result<std::vector<Image>> listed);

/// What a plan covers beyond the manifests themselves.
struct PlanScope {
  std::vector<std::string> targets;  ///< --target: only these images and what they reference
  std::vector<std::string> replace;  ///< --replace: replace these even if unchanged
  bool destroy = false;              ///< `glancer destroy`: every image of the loaded sets goes
};

/// Loads, resolves, lists the live service once and diffs: the whole `plan` pipeline. The
/// listing runs on a second thread while the manifests load (one waits on the service, the
/// other on the CPU); on invalid manifests the error comes once the listing has ended.
/// Fails if lifecycle.prevent_destroy forbids a change the plan would make.
Result<Plan> make_plan(ImageService& service, const std::vector<std::string>& paths,
                       const PlanScope& scope = {});

/// Prints an error as "glancer: error: …" to stderr and returns exit code 1.
int report_error(const Error& error);

}  // namespace glancer
