#include "manifest/desired_state.h"

#include <algorithm>

namespace glancer {

namespace {
bool path_before(const FieldPositions::Entry& e, std::string_view path) {
  return e.first < path;
}
}  // namespace

std::vector<FieldPositions::Entry>::iterator FieldPositions::lower_bound(std::string_view path) {
  return std::lower_bound(m_entries.begin(), m_entries.end(), path, path_before);
}

const SourcePos* FieldPositions::find(std::string_view path) const {
  auto it = std::lower_bound(m_entries.begin(), m_entries.end(), path, path_before);
  return it != m_entries.end() && it->first == path ? &it->second : nullptr;
}

void FieldPositions::set(std::string_view path, const SourcePos& pos) {
  auto it = lower_bound(path);
  if (it != m_entries.end() && it->first == path)
    it->second = pos;
  else
    m_entries.insert(it, Entry{std::string(path), pos});
}

void FieldPositions::erase_prefix(std::string_view prefix) {
  auto first = lower_bound(prefix);
  auto last = first;
  while (last != m_entries.end() && last->first.starts_with(prefix)) ++last;
  m_entries.erase(first, last);
}

SourcePos DesiredImage::pos(const std::string& path) const {
  const SourcePos* at = field_pos.find(path);
  return at ? *at : where;
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
