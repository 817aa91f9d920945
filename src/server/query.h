#pragma once
/// GET /v2/images's query string parsed into a ListRequest (glance/list_request.h), and the
/// links of a page.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "glance/list_request.h"

namespace glancer {

/// Parses a query string's parameters; invalid_argument (400) for a bad limit, sort key or
/// direction, boolean, size, time filter or visibility, and for sort combined with sort_key.
Result<ListRequest> parse_list_request(const QueryParams& params);

/// "/v2/images?k=v&…" from the request's link parameters, with `marker` appended if given;
/// just "/v2/images" when there is nothing to add.
std::string list_link(const ListRequest& request, const std::optional<std::string>& marker);

/// Percent-encodes everything but RFC 3986 unreserved characters.
std::string url_encode(std::string_view text);

/// Splits `text` at every `sep`; empty parts are kept ("a,,b" → "a", "", "b").
std::vector<std::string> split(const std::string& text, char sep);

}  // namespace glancer
