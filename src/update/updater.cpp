#include "update/updater.h"

#include <algorithm>
#include <map>

#include "update/pin_rewrite.h"

namespace glancer {

namespace {

bool selected(const DesiredImage& image, const std::string& target) {
  if (target.empty()) return true;
  size_t slash = target.find('/');
  if (slash == std::string::npos) return image.key == target;
  return image.set == target.substr(0, slash) && image.key == target.substr(slash + 1);
}

}  // namespace

UpdateResult find_updates(const DesiredState& state, SourceProbe& probe, const ReadManifest& read,
                          const std::string& target) {
  UpdateResult result;
  ReleaseFinder finder(probe);
  std::vector<std::string> file_order;
  std::map<std::string, std::vector<PinChange>> by_file;
  std::map<std::pair<std::string, std::string>, PinUpdate> pending;
  for (const DesiredImage& image : state.images) {
    if (!image.source || !image.source->track || !selected(image, target)) continue;
    ++result.tracked;
    auto found = finder.find(image);
    if (!found) {
      result.errors.push_back(found.error());
      continue;
    }
    if (!found->newer) continue;
    const std::string file = found->where.file;
    if (!by_file.count(file)) file_order.push_back(file);
    by_file[file].push_back(PinChange{image.set, image.key, *found->newer});
    pending[{image.set, image.key}] = PinUpdate{
        image.set, image.key, file, found->where.line, found->from_version, *found->newer};
  }
  for (const std::string& file : file_order) {
    auto text = read(file);
    if (!text) {
      result.errors.push_back(
          Error{text.error().code, text.error().message, SourcePos{file, 0, 0}});
      continue;
    }
    auto rewritten = rewrite_pins(*text, file, by_file[file]);
    if (!rewritten) {
      result.errors.push_back(rewritten.error());
      continue;
    }
    for (Error& e : rewritten->failed) result.errors.push_back(std::move(e));
    for (const PinChange& c : rewritten->done) result.updates.push_back(pending[{c.set, c.key}]);
    if (!rewritten->done.empty())
      result.files.push_back(FileUpdate{file, std::move(*text), std::move(rewritten->text)});
  }
  std::stable_sort(result.updates.begin(), result.updates.end(),
                   [&](const PinUpdate& a, const PinUpdate& b) {
                     auto fa = std::find(file_order.begin(), file_order.end(), a.file);
                     auto fb = std::find(file_order.begin(), file_order.end(), b.file);
                     return fa != fb ? fa < fb : a.line < b.line;
                   });
  return result;
}

}  // namespace glancer
