#include "glance/vocabulary.h"

#include <algorithm>

namespace glancer::vocab {

namespace {

template <size_t N>
bool contains(const std::array<std::string_view, N>& set, std::string_view value) {
  return std::find(set.begin(), set.end(), value) != set.end();
}

}  // namespace

bool is_disk_format(std::string_view text) {
  return contains(k_disk_formats, text);
}
bool is_container_format(std::string_view text) {
  return contains(k_container_formats, text);
}
bool is_visibility(std::string_view text) {
  return contains(k_visibilities, text);
}
bool is_member_status(std::string_view text) {
  return contains(k_member_statuses, text);
}

KeyKind classify_key(std::string_view key) {
  for (const Attribute& a : k_image_attributes)
    if (a.name == key) return a.kind;
  if (key.starts_with(k_reserved_prefix)) return KeyKind::reserved;
  return KeyKind::custom;
}

}  // namespace glancer::vocab
