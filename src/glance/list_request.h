#pragma once
/// A GET /v2/images request as data (filters, sort keys, limit, marker) and its meaning:
/// apply_list_request, the reference, over every image in memory. Glance's rules: limit
/// default 25 capped at 1000, default sort created_at desc (id breaks ties), hidden images
/// only with os_hidden=true, community images only when asked for. ImageService::list_page
/// answers one; the embedded store does it in SQL, reading only the page.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/result.h"
#include "glance/image.h"

namespace glancer {

/// The query string as (key, value) pairs, decoded, in order; keys may repeat.
using QueryParams = std::vector<std::pair<std::string, std::string>>;

/// Glance's page size default and cap.
inline constexpr size_t k_default_page_size = 25;
inline constexpr size_t k_max_page_size = 1000;

/// One sort key and its direction.
struct SortKey {
  std::string key;  ///< name status container_format disk_format size id created_at updated_at
  bool ascending = false;
  friend bool operator==(const SortKey&, const SortKey&) = default;
};

/// A comparison on created_at / updated_at ("gt:2026-01-01T00:00:00Z").
struct TimeFilter {
  std::string attribute;  ///< created_at or updated_at
  std::string op;         ///< gt gte lt lte eq neq
  std::string value;      ///< an ISO 8601 UTC time
};

/// A parsed GET /v2/images query.
struct ListRequest {
  size_t limit = k_default_page_size;
  std::optional<std::string> marker;
  /// Always ends with `id`, so the order is total and markers are unambiguous.
  std::vector<SortKey> sort;
  /// Attribute → accepted values (plain `x` or `in:x,y`): name id status disk_format
  /// container_format owner checksum os_hash_value.
  std::map<std::string, std::vector<std::string>> one_of;
  /// public private shared community, or "all"; absent = everything but community.
  std::optional<std::string> visibility;
  /// pending accepted rejected all; absent = no member filter.
  std::optional<std::string> member_status;
  bool hidden = false;  ///< os_hidden: false lists visible images only, true hidden ones only
  std::optional<bool> protected_;
  std::vector<std::string> tags;  ///< all must be present
  std::optional<int64_t> size_min;
  std::optional<int64_t> size_max;
  std::vector<TimeFilter> times;
  std::map<std::string, std::string> properties;  ///< custom properties, exact match
  /// The query without `marker`, to build `first` and `next` links.
  QueryParams link_params;
};

/// One page of a listing.
struct ListPage {
  std::vector<Image> images;
  /// Set when the page is full: the marker of the next page (the last image's id).
  std::optional<std::string> next_marker;
};

/// The member statuses of an image, asked only when the request filters on member_status.
using MemberStatuses = std::function<std::vector<std::string>(const std::string& image_id)>;

/// Filters, sorts and pages `all` (every image of the service, hidden or not). invalid_argument
/// if the marker names no image in `all` (the marker need not match the filters).
Result<ListPage> apply_list_request(const ListRequest& request, std::vector<Image> all,
                                    const MemberStatuses& member_statuses = {});

}  // namespace glancer
