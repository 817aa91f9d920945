#include "update/release_index.h"

#include <algorithm>
#include <cctype>
#include <regex>

#include "source/checksum_file.h"
#include "update/version_order.h"

namespace glancer {

namespace {

// The few character references a listing uses in attribute values.
std::string decode_entities(std::string_view s) {
  static constexpr std::pair<std::string_view, char> k_refs[] = {{"&amp;", '&'},  {"&lt;", '<'},
                                                                 {"&gt;", '>'},   {"&quot;", '"'},
                                                                 {"&#39;", '\''}, {"&#x27;", '\''}};
  std::string out;
  for (size_t i = 0; i < s.size();) {
    bool replaced = false;
    for (auto [ref, c] : k_refs)
      if (s.substr(i).starts_with(ref)) {
        out += c, i += ref.size(), replaced = true;
        break;
      }
    if (!replaced) out += s[i++];
  }
  return out;
}

bool is_space(char c) {
  return std::isspace(static_cast<unsigned char>(c)) != 0;
}

// Every href attribute value of `html`, quoted or not, in order.
std::vector<std::string> hrefs(std::string_view html) {
  std::vector<std::string> out;
  std::string lower(html);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (size_t at = lower.find("href"); at != std::string::npos; at = lower.find("href", at + 4)) {
    if (at > 0 && !is_space(lower[at - 1])) continue;  // part of another word
    size_t i = at + 4;
    while (i < html.size() && is_space(html[i])) ++i;
    if (i >= html.size() || html[i] != '=') continue;
    ++i;
    while (i < html.size() && is_space(html[i])) ++i;
    if (i >= html.size()) break;
    size_t end;
    if (html[i] == '"' || html[i] == '\'') {
      end = html.find(html[i], i + 1);
      if (end == std::string_view::npos) break;
      ++i;
    } else {
      end = i;
      while (end < html.size() && !is_space(html[end]) && html[end] != '>') ++end;
    }
    std::string value = decode_entities(html.substr(i, end - i));
    value = value.substr(0, value.find_first_of("?#"));
    if (!value.empty()) out.push_back(std::move(value));
  }
  return out;
}

}  // namespace

IndexEntries read_index(std::string_view text) {
  IndexEntries entries;
  entries.candidates = checksum_file_names(text);
  entries.checksum_file = !entries.candidates.empty();
  if (entries.checksum_file) return entries;
  for (std::string& h : hrefs(text))
    if (std::find(entries.candidates.begin(), entries.candidates.end(), h) ==
        entries.candidates.end())
      entries.candidates.push_back(std::move(h));
  return entries;
}

Result<std::optional<Release>> newest_release(const std::vector<std::string>& candidates,
                                              const std::string& pattern) {
  std::regex re;
  try {
    re = std::regex(pattern, std::regex::ECMAScript);
  } catch (const std::regex_error& e) {
    return fail(ErrorCode::invalid_argument,
                "`" + pattern + "` is not a valid regular expression (" + e.what() + ")");
  }
  std::optional<Release> newest;
  std::smatch m;
  for (const std::string& c : candidates) {
    if (!std::regex_match(c, m, re) || m.size() < 2 || !m[1].matched) continue;
    Release r{c, m[1].str()};
    if (!newest || compare_versions(r.version, newest->version) > 0) newest = std::move(r);
  }
  return newest;
}

std::string expand_template(std::string_view pattern, std::string_view base, const Release& r) {
  std::string out;
  for (size_t i = 0; i < pattern.size();) {
    std::string_view rest = pattern.substr(i);
    if (rest.starts_with("{base}"))
      out += base, i += 6;
    else if (rest.starts_with("{name}"))
      out += r.name, i += 6;
    else if (rest.starts_with("{version}"))
      out += r.version, i += 9;
    else
      out += pattern[i++];
  }
  return out;
}

std::string index_base(std::string_view index_url) {
  std::string_view path = index_url.substr(0, index_url.find_first_of("?#"));
  return std::string(path.substr(0, path.rfind('/') + 1));
}

}  // namespace glancer
