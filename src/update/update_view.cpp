#include "update/update_view.h"

#include <nlohmann/json.hpp>

#include "core/redact.h"
#include "update/unified_diff.h"

namespace glancer {

namespace {

std::string plural(size_t n, const std::string& word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

}  // namespace

std::string render_update_human(const UpdateResult& result, bool dry_run) {
  std::string out;
  if (dry_run)
    for (const FileUpdate& f : result.files) out += unified_diff(f.before, f.after, f.file);
  for (const PinUpdate& u : result.updates)
    out += u.set + "/" + u.key + ": " + (u.from_version.empty() ? "(no version)" : u.from_version) +
           " -> " + u.pin.version + "\n";
  if (result.tracked == 0)
    out += "No image has `source.track`: nothing to update.\n";
  else if (result.updates.empty())
    out += "No newer release of the " + plural(result.tracked, "tracked image") + ".\n";
  else
    out += plural(result.updates.size(), "pin") + (dry_run ? " would change in " : " changed in ") +
           plural(result.files.size(), "file") + " (" + plural(result.tracked, "tracked image") +
           ").\n";
  return out;
}

std::string render_update_json(const UpdateResult& result, bool dry_run) {
  nlohmann::json updates = nlohmann::json::array(), errors = nlohmann::json::array();
  for (const PinUpdate& u : result.updates)
    updates.push_back({{"set", u.set},
                       {"key", u.key},
                       {"file", u.file},
                       {"line", u.line},
                       {"from_version", u.from_version},
                       {"to_version", u.pin.version},
                       {"url", redact_url(u.pin.url)},
                       {"checksum", u.pin.checksum.to_string()}});
  for (const Error& e : result.errors)
    errors.push_back({{"file", e.where.file.str()},
                      {"line", e.where.line},
                      {"column", e.where.column},
                      {"message", e.message}});
  nlohmann::json doc{{"format_version", 1},
                     {"dry_run", dry_run},
                     {"tracked", result.tracked},
                     {"updates", updates},
                     {"errors", errors}};
  if (dry_run) {
    nlohmann::json diffs = nlohmann::json::array();
    for (const FileUpdate& f : result.files)
      diffs.push_back({{"file", f.file}, {"diff", unified_diff(f.before, f.after, f.file)}});
    doc["diffs"] = diffs;
  }
  return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace glancer
