#pragma once
/// Small helpers shared by the route handlers: JSON and error responses, bounded request
/// bodies, validated image ids, query parameters.

#include <httplib.h>

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/result.h"
#include "server/query.h"

namespace glancer {

/// Sends `body` as application/json with `status`.
void send_json(httplib::Response& res, int status, const nlohmann::json& body);
/// Sends Glance's JSON error body.
void send_error(httplib::Response& res, int status, const std::string& message);
/// Sends an Error with the status its code maps to.
void send_error(httplib::Response& res, const Error& error);

/// Reads the whole request body through `reader`, failing with quota (413) past `max` bytes
/// (reading stops there: memory stays bounded) and transport if the client went away.
Result<std::string> read_body(const httplib::ContentReader& reader, size_t max);
/// read_body, then parses JSON; invalid_argument (400) for malformed JSON.
Result<nlohmann::json> read_json_body(const httplib::ContentReader& reader, size_t max);
/// For routes that take no body: reads (bounded) and fails with 400 if there was one.
Status expect_no_body(const httplib::ContentReader& reader);

/// The image id captured by the route (match group `group`) if it is a UUID; otherwise
/// answers 404 like Glance and returns nullopt. No other value ever reaches the service.
std::optional<std::string> image_id_of(const httplib::Request& req, httplib::Response& res,
                                       int group = 1);

/// The request's query parameters as (key, value) pairs.
QueryParams query_params(const httplib::Request& req);

/// "http://HOST" from the request's Host header (sanitized), for absolute links.
std::string base_url(const httplib::Request& req);

/// The outcome of a Range header against an image of `size` bytes: 200 (no header: all of
/// it), 206 with [first, last] inclusive, 400 for several ranges or a malformed one, 416 when
/// the range starts past the end.
struct RangeRequest {
  int status = 200;
  uint64_t first = 0;
  uint64_t last = 0;
};
/// Parses "bytes=a-b", "bytes=a-" or "bytes=-n" (an empty header means no range).
RangeRequest parse_range_header(const std::string& header, uint64_t size);

/// The media type of a Content-Type header: lowercase, parameters and spaces removed.
std::string media_type(const std::string& content_type);

}  // namespace glancer
