#include "server/http_util.h"

#include <algorithm>
#include <charconv>

#include "core/uuid.h"
#include "server/errors.h"

namespace glancer {

void send_json(httplib::Response& res, int status, const nlohmann::json& body) {
  res.status = status;
  res.set_content(body.dump(), "application/json");
}

void send_error(httplib::Response& res, int status, const std::string& message) {
  send_json(res, status, glance_error_body(status, message));
}

void send_error(httplib::Response& res, const Error& error) {
  send_error(res, http_status_for(error.code), error.message);
}

Result<std::string> read_body(const httplib::ContentReader& reader, size_t max) {
  std::string body;
  bool too_big = false;
  bool ok = reader([&](const char* data, size_t n) {
    if (body.size() + n > max) {
      too_big = true;
      return false;
    }
    body.append(data, n);
    return true;
  });
  if (too_big)
    return fail(ErrorCode::quota,
                "the request body exceeds the limit of " + std::to_string(max) + " bytes");
  if (!ok) return fail(ErrorCode::transport, "the request body could not be read");
  return body;
}

Result<nlohmann::json> read_json_body(const httplib::ContentReader& reader, size_t max) {
  GLANCER_TRY(body, read_body(reader, max));
  auto json = nlohmann::json::parse(body, nullptr, false);
  if (json.is_discarded())
    return fail(ErrorCode::invalid_argument, "the request body is not valid JSON");
  return json;
}

Status expect_no_body(const httplib::ContentReader& reader) {
  GLANCER_TRY(body, read_body(reader, 64 * 1024));
  if (!body.empty()) return fail(ErrorCode::invalid_argument, "this request takes no body");
  return {};
}

std::optional<std::string> image_id_of(const httplib::Request& req, httplib::Response& res,
                                       int group) {
  std::string id = req.matches[group].str();
  if (!is_uuid(id)) {
    send_error(res, 404, "No image found with ID " + id);
    return std::nullopt;
  }
  return id;
}

QueryParams query_params(const httplib::Request& req) {
  return QueryParams(req.params.begin(), req.params.end());
}

std::string media_type(const std::string& content_type) {
  std::string out;
  for (char c : content_type) {
    if (c == ';') break;
    if (c != ' ' && c != '\t')
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

}  // namespace glancer

namespace glancer {

RangeRequest parse_range_header(const std::string& header, uint64_t size) {
  if (header.empty()) return {200, 0, size ? size - 1 : 0};
  const std::string prefix = "bytes=";
  if (header.compare(0, prefix.size(), prefix) != 0) return {400};
  std::string spec = header.substr(prefix.size());
  if (spec.find(',') != std::string::npos) return {400};
  auto dash = spec.find('-');
  if (dash == std::string::npos) return {400};
  auto number = [](const std::string& text, uint64_t& out) {
    if (text.empty()) return false;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc() && end == text.data() + text.size();
  };
  std::string a = spec.substr(0, dash), b = spec.substr(dash + 1);
  uint64_t first = 0, last = 0;
  if (a.empty()) {  // suffix: the last n bytes
    if (!number(b, last) || last == 0) return {400};
    if (size == 0) return {416};
    return {206, size - std::min(last, size), size - 1};
  }
  if (!number(a, first)) return {400};
  if (b.empty()) {
    last = size ? size - 1 : 0;
  } else if (!number(b, last) || last < first) {
    return {400};
  }
  if (first >= size) return {416};
  return {206, first, std::min(last, size - 1)};
}

std::string base_url(const httplib::Request& req) {
  std::string host = req.get_header_value("Host");
  bool safe = !host.empty() && std::all_of(host.begin(), host.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '.' || c == ':' || c == '-' || c == '[' || c == ']';
  });
  return "http://" + (safe ? host : std::string("127.0.0.1"));
}

}  // namespace glancer
