#include "glance/list_request.h"

#include <algorithm>

namespace glancer {

namespace {

Error bad(const std::string& message) {
  return fail(ErrorCode::invalid_argument, message);
}

// Three-way comparisons of one sort key, without copying either value (a page of 1,000 out of
// 10,000 images compares ~10⁵ pairs); null sorts before any value, as in SQL.
int compare_text(const std::string& a, const std::string& b) {
  int c = a.compare(b);
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

template <typename T, typename Cmp>
int compare_optional(const std::optional<T>& a, const std::optional<T>& b, Cmp cmp) {
  if (!a || !b) return a.has_value() == b.has_value() ? 0 : (a ? 1 : -1);
  return cmp(*a, *b);
}

int compare_key(const std::string& key, const Image& a, const Image& b) {
  if (key == "name") return compare_optional(a.name, b.name, compare_text);
  if (key == "status") return compare_text(a.status, b.status);
  if (key == "container_format")
    return compare_optional(a.container_format, b.container_format, compare_text);
  if (key == "disk_format") return compare_optional(a.disk_format, b.disk_format, compare_text);
  if (key == "size")
    return compare_optional(a.size, b.size,
                            [](int64_t x, int64_t y) { return x < y ? -1 : (x > y ? 1 : 0); });
  if (key == "id") return compare_text(a.id, b.id);
  if (key == "created_at") return compare_text(a.created_at, b.created_at);
  return compare_text(a.updated_at, b.updated_at);
}

// Negative when `a` comes before `b` in the requested order.
int order(const std::vector<SortKey>& sort, const Image& a, const Image& b) {
  for (const auto& key : sort) {
    int c = compare_key(key.key, a, b);
    if (c != 0) return key.ascending ? c : -c;
  }
  return 0;
}

bool time_matches(const TimeFilter& f, const Image& image) {
  // Both sides are "YYYY-MM-DDTHH:MM:SS…" in UTC: compare the first 19 characters as text.
  std::string left =
      (f.attribute == "created_at" ? image.created_at : image.updated_at).substr(0, 19);
  std::string right = f.value.substr(0, 19);
  int c = left.compare(right);
  if (f.op == "gt") return c > 0;
  if (f.op == "gte") return c >= 0;
  if (f.op == "lt") return c < 0;
  if (f.op == "lte") return c <= 0;
  if (f.op == "neq") return c != 0;
  return c == 0;
}

std::optional<std::string> one_of_value(const Image& image, const std::string& key) {
  if (key == "name") return image.name;
  if (key == "id") return image.id;
  if (key == "status") return image.status;
  if (key == "disk_format") return image.disk_format;
  if (key == "container_format") return image.container_format;
  if (key == "owner") return image.owner;
  if (key == "checksum") return image.checksum;
  return image.os_hash_value;
}

bool matches(const ListRequest& r, const Image& image, const MemberStatuses& member_statuses) {
  if (image.hidden != r.hidden) return false;
  if (r.visibility ? (*r.visibility != "all" && image.visibility != *r.visibility)
                   : image.visibility == "community")
    return false;
  if (r.protected_ && image.protected_ != *r.protected_) return false;
  for (const auto& [key, accepted] : r.one_of) {
    auto value = one_of_value(image, key);
    if (!value || std::find(accepted.begin(), accepted.end(), *value) == accepted.end())
      return false;
  }
  for (const auto& tag : r.tags)
    if (!image.tags.count(tag)) return false;
  if (r.size_min && (!image.size || *image.size < *r.size_min)) return false;
  if (r.size_max && (!image.size || *image.size > *r.size_max)) return false;
  for (const auto& t : r.times)
    if (!time_matches(t, image)) return false;
  for (const auto& [key, value] : r.properties)
    if (image.property(key) != value) return false;
  if (r.member_status) {
    auto statuses = member_statuses ? member_statuses(image.id) : std::vector<std::string>{};
    if (*r.member_status == "all"
            ? statuses.empty()
            : std::find(statuses.begin(), statuses.end(), *r.member_status) == statuses.end())
      return false;
  }
  return true;
}

}  // namespace

Result<ListPage> apply_list_request(const ListRequest& request, std::vector<Image> all,
                                    const MemberStatuses& member_statuses) {
  std::optional<Image> marker;
  if (request.marker) {
    auto it = std::find_if(all.begin(), all.end(),
                           [&](const Image& i) { return i.id == *request.marker; });
    if (it == all.end()) return bad("marker " + *request.marker + " could not be found");
    marker = *it;
  }
  std::vector<Image*> selected;
  for (auto& image : all)
    if (matches(request, image, member_statuses) &&
        (!marker || order(request.sort, *marker, image) < 0))
      selected.push_back(&image);
  // Only the page is ordered: O(n log limit) comparisons of pointers, not a sort of every
  // image (each a few hundred bytes to move).
  const size_t n = std::min(selected.size(), request.limit);
  std::partial_sort(
      selected.begin(), selected.begin() + static_cast<std::ptrdiff_t>(n), selected.end(),
      [&](const Image* a, const Image* b) { return order(request.sort, *a, *b) < 0; });
  ListPage page;
  page.images.reserve(n);
  for (size_t i = 0; i < n; ++i) page.images.push_back(std::move(*selected[i]));
  if (request.limit > 0 && page.images.size() == request.limit)
    page.next_marker = page.images.back().id;
  return page;
}

}  // namespace glancer
