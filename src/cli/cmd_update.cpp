#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/commands.h"
#include "cli/url_opener.h"
#include "source/system_source_probe.h"
#include "update/update_view.h"
#include "update/updater.h"

namespace glancer {

namespace {

Result<std::string> read_file(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  if (!(in && text << in.rdbuf()))
    return fail(ErrorCode::io, "cannot read " + file + ": " + std::strerror(errno));
  return text.str();
}

// Replaces `file` by `text` through a temporary file beside it and a rename, so a reader (or
// an interrupted run) sees the old file or the new one, never half of it; keeps its mode.
Status write_file(const std::string& file, const std::string& text) {
  namespace fs = std::filesystem;
  const fs::path target(file);
  fs::path temp = target;
  temp += ".glancer-update.tmp";
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!(out << text) || !out.flush())
      return fail(ErrorCode::io, "cannot write " + temp.string() + ": " + std::strerror(errno));
  }
  std::error_code ec;
  fs::permissions(temp, fs::status(target, ec).permissions(), ec);
  fs::rename(temp, target, ec);
  if (ec) {
    fs::remove(temp);
    return fail(ErrorCode::io, "cannot replace " + file + ": " + ec.message());
  }
  return {};
}

}  // namespace

int run_update(const GlobalOptions&, const UpdateArgs& args) {
  PlanDiagnostics diags;
  auto desired = load_desired(args.paths, diags);
  print_diagnostics(diags.manifests);
  if (!desired) return report_error(desired.error());

  SystemSourceProbe probe(cli_mirror_options());
  UpdateResult result = find_updates(*desired, probe, read_file, args.target);
  if (!args.target.empty() && result.tracked == 0)
    return report_error(fail(ErrorCode::not_found,
                             "--target " + args.target + ": no image with `source.track` has it"));
  if (!args.dry_run)
    for (const FileUpdate& f : result.files)
      if (auto written = write_file(f.file, f.after); !written)
        result.errors.push_back(written.error());

  Diagnostics errors;
  for (const Error& e : result.errors) errors.error(e.where, e.message);
  print_diagnostics(errors);
  std::cout << (args.format == "json" ? render_update_json(result, args.dry_run)
                                      : render_update_human(result, args.dry_run));
  if (!result.errors.empty()) return 1;
  return result.updates.empty() ? 0 : 2;
}

}  // namespace glancer
