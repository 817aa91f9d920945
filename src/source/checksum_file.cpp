#include "source/checksum_file.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <vector>

#include "core/url.h"

namespace glancer {

namespace {

struct Entry {
  Digest digest;
  std::string name;  // empty: a bare digest line
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool is_hex(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return std::isxdigit(static_cast<unsigned char>(c));
  });
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::optional<HashAlgo> algo_for_length(size_t n) {
  for (HashAlgo a : {HashAlgo::md5, HashAlgo::sha1, HashAlgo::sha256, HashAlgo::sha512})
    if (hash_hex_length(a) == n) return a;
  return std::nullopt;
}

std::string_view strip_dot_slash(std::string_view name) {
  while (name.starts_with("./")) name.remove_prefix(2);
  return name;
}

// "SHA256 (name) = hex"
std::optional<Entry> parse_bsd(std::string_view line) {
  const size_t open = line.find(" (");
  const size_t close = line.rfind(") = ");
  if (open == std::string_view::npos || close == std::string_view::npos || close < open)
    return std::nullopt;
  auto algo = parse_hash_algo(line.substr(0, open));
  std::string_view hex = trim(line.substr(close + 4));
  if (!algo || !is_hex(hex) || hex.size() != hash_hex_length(*algo)) return std::nullopt;
  return Entry{{*algo, lower(hex)},
               std::string(strip_dot_slash(line.substr(open + 2, close - open - 2)))};
}

// "hex  name", "hex *name", or a bare "hex"
std::optional<Entry> parse_gnu(std::string_view line) {
  const size_t space = line.find_first_of(" \t");
  std::string_view hex = line.substr(0, space);
  auto algo = algo_for_length(hex.size());
  if (!is_hex(hex) || !algo) return std::nullopt;
  std::string_view name =
      space == std::string_view::npos ? std::string_view() : trim(line.substr(space));
  if (name.starts_with('*')) name.remove_prefix(1);
  return Entry{{*algo, lower(hex)}, std::string(strip_dot_slash(name))};
}

std::vector<Entry> parse_entries(std::string_view text) {
  std::vector<Entry> entries;
  bool in_signature = false;
  while (!text.empty()) {
    const size_t nl = text.find('\n');
    std::string_view line = trim(text.substr(0, nl));
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    // A clear-signed file: the signature block carries base64, never entries.
    if (line.starts_with("-----BEGIN PGP SIGNATURE")) in_signature = true;
    if (line.starts_with("-----END PGP SIGNATURE")) in_signature = false;
    if (in_signature || line.empty() || line.starts_with('#') || line.starts_with("-----"))
      continue;
    if (auto e = parse_bsd(line))
      entries.push_back(std::move(*e));
    else if (auto g = parse_gnu(line))
      entries.push_back(std::move(*g));
  }
  return entries;
}

}  // namespace

Result<Digest> find_checksum(std::string_view text, std::string_view file_name) {
  const std::vector<Entry> entries = parse_entries(text);
  if (entries.empty())
    return fail(ErrorCode::invalid_argument, "the checksum file lists no digest");
  // A single bare digest is the digest of whatever file it was published for.
  if (entries.size() == 1 && entries[0].name.empty()) return entries[0].digest;
  std::optional<Digest> found;
  for (const Entry& e : entries) {
    if (e.name != strip_dot_slash(file_name)) continue;
    if (found && !(*found == e.digest))
      return fail(
          ErrorCode::invalid_argument,
          "the checksum file lists `" + std::string(file_name) + "` twice with different digests");
    found = e.digest;
  }
  if (!found)
    return fail(ErrorCode::not_found, "the checksum file has no entry for `" +
                                          std::string(file_name) + "` (it lists " +
                                          std::to_string(entries.size()) + " file" +
                                          (entries.size() == 1 ? "" : "s") + ")");
  return *found;
}

std::vector<std::string> checksum_file_names(std::string_view text) {
  std::vector<std::string> names;
  for (Entry& e : parse_entries(text))
    if (!e.name.empty() && std::find(names.begin(), names.end(), e.name) == names.end())
      names.push_back(std::move(e.name));
  return names;
}

std::string url_file_name(std::string_view url) {
  url = url.substr(0, url.find_first_of("?#"));
  return percent_decode(url.substr(url.rfind('/') + 1));
}

}  // namespace glancer
