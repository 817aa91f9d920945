// Image content checks at plan and validate time: every file source's header against its
// declared disk_format (source/format_inspector.h).

#include "cli/context.h"
#include "source/format_inspector.h"

namespace glancer {

void check_source_contents(const DesiredState& desired, Diagnostics& diags) {
  for (const DesiredImage& d : desired.images) {
    if (!d.source || d.source->file.empty()) continue;
    const std::string what = "image `" + d.key + "`: source file " + d.source->file.string();
    auto inspection = inspect_file(d.source->file);
    if (!inspection) {
      diags.error(d.pos("source.file"), "image `" + d.key + "`: " + inspection.error().message);
      continue;
    }
    for (const std::string& finding :
         content_findings(*inspection, d.disk_format, d.source->allow_backing_file))
      diags.error(d.pos("source.file"), what + ": " + finding);
  }
}

}  // namespace glancer
