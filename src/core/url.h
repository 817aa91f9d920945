#pragma once
/// URL helpers shared by the HTTP client and server.

#include <string>
#include <string_view>

namespace glancer {

/// Percent-encodes everything but RFC 3986 unreserved characters (A-Z a-z 0-9 - _ . ~), for a
/// path segment or a query key/value.
std::string percent_encode(std::string_view text);

/// Decodes %XX escapes; a malformed escape is kept as written.
std::string percent_decode(std::string_view text);

}  // namespace glancer
