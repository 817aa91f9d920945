#pragma once
/// Glance's error vocabulary over HTTP: ErrorCode → status code, and the JSON error body
/// `{"message": …, "code": "404 Not Found", "title": "Not Found"}`. Pure functions.

#include <nlohmann/json.hpp>
#include <string>

#include "core/result.h"

namespace glancer {

/// The HTTP status Glance answers for a kind of failure: not_found 404, conflict 409,
/// forbidden 403, quota 413, invalid_argument 400, unauthorized 401, others 5xx.
int http_status_for(ErrorCode code);

/// The reason phrase of a status code, e.g. "Not Found"; "Unknown" for codes glancer never sends.
std::string http_status_title(int status);

/// "404 Not Found".
std::string http_status_line(int status);

/// Glance's JSON error document for `status` with a human message.
nlohmann::json glance_error_body(int status, const std::string& message);

}  // namespace glancer
