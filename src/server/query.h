#pragma once
/// GET /v2/images as a pure function: the query string parsed into a ListRequest (filters,
/// sort keys, limit, marker), then applied to every image of the service in memory.
/// Glance's rules: limit default 25 capped at 1000, default sort created_at desc (id breaks
/// ties), hidden images only with os_hidden=true, community images only when asked for.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
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

/// Parses a query string's parameters; invalid_argument (400) for a bad limit, sort key or
/// direction, boolean, size, time filter or visibility, and for sort combined with sort_key.
Result<ListRequest> parse_list_request(const QueryParams& params);

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

/// "/v2/images?k=v&…" from the request's link parameters, with `marker` appended if given;
/// just "/v2/images" when there is nothing to add.
std::string list_link(const ListRequest& request, const std::optional<std::string>& marker);

/// Percent-encodes everything but RFC 3986 unreserved characters.
std::string url_encode(std::string_view text);

/// Splits `text` at every `sep`; empty parts are kept ("a,,b" → "a", "", "b").
std::vector<std::string> split(const std::string& text, char sep);

}  // namespace glancer
