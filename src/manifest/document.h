#pragma once
/// Internal to manifest/: one YAML document (an ImageSet) into the state being built.

#include <filesystem>
#include <map>
#include <string>
#include <utility>

#include "manifest/desired_state.h"
#include "manifest/yaml_util.h"

namespace glancer::manifest {

/// The state being built from every document of every file, with what makes keys unique
/// within a set across all of them.
class StateBuilder {
 public:
  /// Records set `name` (first position kept; a set may span documents and files).
  void add_set(const std::string& name, const SourcePos& where);
  /// Adds `image` unless its key is already taken in its set: then reports
  /// "duplicate image key `k` (first defined at FILE:L:C)" at the image's key.
  void add_image(Context& ctx, DesiredImage image);
  /// The state built so far; the builder is empty afterwards.
  DesiredState take();

 private:
  DesiredState m_state;
  std::map<std::pair<std::string, std::string>, SourcePos> m_first_key;
};

/// Reads non-null document `root` (an ImageSet) into `out`; `base_dir` (absolute) resolves
/// relative source files.
void parse_document(Context& ctx, const YamlNode& root, const std::filesystem::path& base_dir,
                    StateBuilder& out);

}  // namespace glancer::manifest
