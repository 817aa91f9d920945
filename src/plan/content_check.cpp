#include "plan/content_check.h"

#include <map>

namespace glancer {

void check_source_contents(const DesiredState& desired, SourceProbe& probe, Diagnostics& diags,
                           const ImageSelection& only) {
  // Catalogues often make many images from one file: each distinct file is read once.
  std::map<std::filesystem::path, Result<ImageInspection>> inspected;
  for (const DesiredImage& d : desired.images) {
    if (!d.source || d.source->file.empty() || !selected(only, d)) continue;
    auto found = inspected.find(d.source->file);
    if (found == inspected.end())
      found = inspected.emplace(d.source->file, probe.file_inspection(d.source->file)).first;
    const Result<ImageInspection>& inspection = found->second;
    if (!inspection) {
      diags.error(d.pos("source.file"), "image `" + d.key + "`: " + inspection.error().message);
      continue;
    }
    const std::string what = "image `" + d.key + "`: source file " + d.source->file.string();
    for (const std::string& finding :
         content_findings(*inspection, d.disk_format, d.source->allow_backing_file))
      diags.error(d.pos("source.file"), what + ": " + finding);
  }
}

}  // namespace glancer
