#include "manifest/desired_state.h"

namespace glancer {

SourcePos DesiredImage::pos(const std::string& path) const {
  auto it = field_pos.find(path);
  return it == field_pos.end() ? where : it->second;
}

bool DesiredState::has_set(const std::string& set) const {
  for (const auto& s : sets)
    if (s.name == set) return true;
  return false;
}

const DesiredImage* DesiredState::find(const std::string& set, const std::string& key) const {
  for (const auto& im : images)
    if (im.set == set && im.key == key) return &im;
  return nullptr;
}

}  // namespace glancer
