#include "core/result.h"

namespace glancer {

const char* error_code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::invalid_argument: return "invalid_argument";
    case ErrorCode::invalid_manifest: return "invalid_manifest";
    case ErrorCode::not_found: return "not_found";
    case ErrorCode::conflict: return "conflict";
    case ErrorCode::forbidden: return "forbidden";
    case ErrorCode::unauthorized: return "unauthorized";
    case ErrorCode::quota: return "quota";
    case ErrorCode::timeout: return "timeout";
    case ErrorCode::transport: return "transport";
    case ErrorCode::io: return "io";
    case ErrorCode::checksum_mismatch: return "checksum_mismatch";
    case ErrorCode::stale_plan: return "stale_plan";
    case ErrorCode::cancelled: return "cancelled";
    case ErrorCode::internal: return "internal";
  }
  return "internal";
}

const std::string& SourceFile::empty_name() {
  static const std::string empty;
  return empty;
}

std::string SourcePos::to_string() const {
  if (line <= 0) return file;
  std::string s = file.str() + ":" + std::to_string(line);
  if (column > 0) s += ":" + std::to_string(column);
  return s;
}

std::string Error::to_string() const {
  if (!where.known()) return message;
  return where.to_string() + ": " + message;
}

}  // namespace glancer
