#include "glance/name_filter.h"

#include <algorithm>

namespace glancer {

std::vector<std::string> name_filter_values(std::vector<std::string> names, size_t max_chars) {
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  std::vector<std::string> out;
  std::string batch;
  for (const std::string& name : names) {
    if (name.empty()) continue;
    if (name.find_first_of("\"\\") != std::string::npos) {
      out.push_back("eq:" + name);
      continue;
    }
    std::string quoted = "\"" + name + "\"";
    if (!batch.empty() && batch.size() + 1 + quoted.size() > max_chars) {
      out.push_back(std::move(batch));
      batch.clear();
    }
    batch += batch.empty() ? "in:" + quoted : "," + quoted;
  }
  if (!batch.empty()) out.push_back(std::move(batch));
  return out;
}

Result<std::vector<std::string>> split_in_values(const std::string& list) {
  auto bad = [&list](const std::string& why) {
    return fail(ErrorCode::invalid_argument, "invalid filter value " + list + ": " + why);
  };
  std::vector<std::string> out;
  size_t i = 0;
  while (i < list.size()) {
    if (i < list.size() && list[i] == '"') {
      std::string value;
      size_t j = i + 1;
      // As Glance: a backslash keeps the character after it from closing the quote, and both
      // stay in the value.
      for (; j < list.size() && list[j] != '"'; ++j) {
        if (list[j] == '\\' && j + 1 < list.size()) value += list[j++];
        value += list[j];
      }
      if (j >= list.size()) return bad("the quote is not closed");
      if (j + 1 < list.size() && list[j + 1] != ',')
        return bad("there is no comma after the closing quote");
      out.push_back(std::move(value));
      i = j + 2;
      continue;
    }
    size_t comma = list.find(',', i);
    std::string value = list.substr(i, comma == std::string::npos ? std::string::npos : comma - i);
    if (value.find('"') != std::string::npos)
      return bad("there is no comma before the opening quote");
    out.push_back(std::move(value));
    if (comma == std::string::npos) break;
    i = comma + 1;
  }
  return out;
}

}  // namespace glancer
