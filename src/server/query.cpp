#include "server/query.h"

#include <algorithm>
#include <array>
#include <charconv>

#include "core/url.h"
#include "glance/name_filter.h"
#include "glance/vocabulary.h"

namespace glancer {

std::vector<std::string> split(const std::string& text, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  for (;;) {
    size_t pos = text.find(sep, start);
    out.push_back(text.substr(start, pos - start));
    if (pos == std::string::npos) return out;
    start = pos + 1;
  }
}

namespace {

constexpr std::array<std::string_view, 8> k_sort_keys = {
    "name", "status", "container_format", "disk_format", "size", "id", "created_at", "updated_at"};
constexpr std::array<std::string_view, 8> k_one_of_keys = {
    "name",  "id",       "status",       "disk_format", "container_format",
    "owner", "checksum", "os_hash_value"};

template <size_t N>
bool contains(const std::array<std::string_view, N>& list, std::string_view key) {
  return std::find(list.begin(), list.end(), key) != list.end();
}

Error bad(const std::string& message) {
  return fail(ErrorCode::invalid_argument, message);
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

Result<int64_t> parse_int(const std::string& key, const std::string& text) {
  int64_t n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size() || n < 0)
    return bad("the value of '" + key + "' must be a non-negative integer, not '" + text + "'");
  return n;
}

Result<bool> parse_bool(const std::string& key, const std::string& text) {
  std::string t = lower(text);
  if (t == "true" || t == "1" || t == "yes" || t == "on") return true;
  if (t == "false" || t == "0" || t == "no" || t == "off") return false;
  return bad("the value of '" + key + "' must be a boolean, not '" + text + "'");
}

Result<SortKey> sort_key(const std::string& key, const std::string& dir) {
  if (!contains(k_sort_keys, key)) return bad("unsupported sort key '" + key + "'");
  if (dir != "asc" && dir != "desc") return bad("invalid sort direction '" + dir + "'");
  return SortKey{key, dir == "asc"};
}

Status parse_sort(ListRequest& request, const QueryParams& params) {
  std::vector<std::string> keys, dirs, combined;
  for (const auto& [k, v] : params) {
    if (k == "sort_key") keys.push_back(v);
    if (k == "sort_dir") dirs.push_back(v);
    if (k == "sort") combined.push_back(v);
  }
  if (!combined.empty() && (!keys.empty() || !dirs.empty()))
    return bad("the 'sort' parameter cannot be combined with sort_key or sort_dir");
  for (const auto& value : combined)
    for (const auto& item : split(value, ',')) {
      auto colon = item.find(':');
      std::string key = item.substr(0, colon);
      std::string dir = colon == std::string::npos ? "desc" : item.substr(colon + 1);
      GLANCER_TRY(sk, sort_key(key, dir));
      request.sort.push_back(sk);
    }
  if (dirs.size() > 1 && dirs.size() != keys.size())
    return bad("the number of sort_dir values must be 1 or match the number of sort_key values");
  for (size_t i = 0; i < keys.size(); ++i) {
    GLANCER_TRY(sk, sort_key(keys[i], dirs.empty() ? "desc" : dirs[dirs.size() == 1 ? 0 : i]));
    request.sort.push_back(sk);
  }
  if (keys.empty() && !dirs.empty()) {
    GLANCER_TRY(sk, sort_key("created_at", dirs[0]));
    request.sort.push_back(sk);
  }
  if (request.sort.empty()) request.sort.push_back({"created_at", false});
  auto has = [&](std::string_view key) {
    return std::any_of(request.sort.begin(), request.sort.end(),
                       [&](const SortKey& s) { return s.key == key; });
  };
  bool last_dir = request.sort.back().ascending;
  if (!has("created_at")) request.sort.push_back({"created_at", last_dir});
  if (!has("id")) request.sort.push_back({"id", last_dir});
  return {};
}

Status parse_filter(ListRequest& request, const std::string& key, const std::string& value) {
  if (contains(k_one_of_keys, key)) {
    auto& accepted = request.one_of[key];
    if (value.rfind("in:", 0) == 0) {
      GLANCER_TRY(values, split_in_values(value.substr(3)));
      for (auto& v : values) accepted.push_back(std::move(v));
    } else if (value.rfind("eq:", 0) == 0) {
      accepted.push_back(value.substr(3));
    } else {
      accepted.push_back(value);
    }
  } else if (key == "visibility") {
    if (!vocab::is_visibility(value) && value != "all")
      return bad("invalid visibility '" + value + "'");
    request.visibility = value;
  } else if (key == "member_status") {
    if (!vocab::is_member_status(value) && value != "all")
      return bad("invalid member_status '" + value + "'");
    request.member_status = value;
  } else if (key == "os_hidden") {
    GLANCER_TRY(b, parse_bool(key, value));
    request.hidden = b;
  } else if (key == "protected") {
    GLANCER_TRY(b, parse_bool(key, value));
    request.protected_ = b;
  } else if (key == "tag") {
    request.tags.push_back(value);
  } else if (key == "size_min" || key == "size_max") {
    GLANCER_TRY(n, parse_int(key, value));
    (key == "size_min" ? request.size_min : request.size_max) = n;
  } else if (key == "size") {  // an exact size: both bounds
    GLANCER_TRY(n, parse_int(key, value));
    request.size_min = std::max(request.size_min.value_or(n), n);
    request.size_max = std::min(request.size_max.value_or(n), n);
  } else if (key == "created_at" || key == "updated_at") {
    auto colon = value.find(':');
    std::string op = colon == std::string::npos ? "" : value.substr(0, colon);
    static constexpr std::array<std::string_view, 6> ops = {"gt", "gte", "lt", "lte", "eq", "neq"};
    if (!contains(ops, op)) {
      op = "eq";
      colon = std::string::npos;
    }
    std::string time = colon == std::string::npos ? value : value.substr(colon + 1);
    if (time.size() < 10 || time[4] != '-' || time[7] != '-')
      return bad("invalid time '" + time + "' for '" + key + "'");
    request.times.push_back({key, op, time});
  } else {
    request.properties[key] = value;
  }
  return {};
}

}  // namespace

Result<ListRequest> parse_list_request(const QueryParams& params) {
  ListRequest request;
  GLANCER_CHECK(parse_sort(request, params));
  for (const auto& [key, value] : params) {
    if (key != "marker") request.link_params.emplace_back(key, value);
    if (key == "limit") {
      GLANCER_TRY(n, parse_int(key, value));
      request.limit = std::min<size_t>(static_cast<size_t>(n), k_max_page_size);
    } else if (key == "marker") {
      request.marker = value;
    } else if (key != "sort_key" && key != "sort_dir" && key != "sort") {
      GLANCER_CHECK(parse_filter(request, key, value));
    }
  }
  return request;
}

std::string url_encode(std::string_view text) {
  return percent_encode(text);
}

std::string list_link(const ListRequest& request, const std::optional<std::string>& marker) {
  std::string query;
  auto add = [&](const std::string& k, const std::string& v) {
    query += (query.empty() ? "?" : "&") + url_encode(k) + "=" + url_encode(v);
  };
  for (const auto& [k, v] : request.link_params) add(k, v);
  if (marker) add("marker", *marker);
  return "/v2/images" + query;
}

}  // namespace glancer
