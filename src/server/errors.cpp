#include "server/errors.h"

namespace glancer {

int http_status_for(ErrorCode code) {
  switch (code) {
    case ErrorCode::invalid_argument:
    case ErrorCode::invalid_manifest:
    case ErrorCode::checksum_mismatch: return 400;
    case ErrorCode::unauthorized: return 401;
    case ErrorCode::forbidden: return 403;
    case ErrorCode::not_found: return 404;
    case ErrorCode::conflict:
    case ErrorCode::stale_plan: return 409;
    case ErrorCode::quota: return 413;
    case ErrorCode::transport: return 502;
    case ErrorCode::cancelled: return 503;
    case ErrorCode::timeout: return 504;
    case ErrorCode::io:
    case ErrorCode::internal: return 500;
  }
  return 500;
}

std::string http_status_title(int status) {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 204: return "No Content";
    case 206: return "Partial Content";
    case 300: return "Multiple Choices";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 409: return "Conflict";
    case 410: return "Gone";
    case 408: return "Request Timeout";
    case 411: return "Length Required";
    case 413: return "Request Entity Too Large";
    case 415: return "Unsupported Media Type";
    case 416: return "Requested Range Not Satisfiable";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    default: return "Unknown";
  }
}

std::string http_status_line(int status) {
  return std::to_string(status) + " " + http_status_title(status);
}

nlohmann::json glance_error_body(int status, const std::string& message) {
  return {{"message", message},
          {"code", http_status_line(status)},
          {"title", http_status_title(status)}};
}

}  // namespace glancer
