#include "manifest/yaml_util.h"

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <system_error>

#include "manifest/suggest.h"

namespace glancer::manifest {

namespace {

const std::string k_str_tag = "tag:yaml.org,2002:str";

bool is_digits(std::string_view s, bool (*ok)(char)) {
  if (s.empty()) return false;
  for (char c : s)
    if (!ok(c)) return false;
  return true;
}

bool dec(char c) {
  return c >= '0' && c <= '9';
}
bool oct(char c) {
  return c >= '0' && c <= '7';
}
bool hex(char c) {
  return dec(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

std::string_view without_sign(std::string_view s) {
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) s.remove_prefix(1);
  return s;
}

bool is_core_int(std::string_view s) {
  if (s.size() > 2 && s[0] == '0' && s[1] == 'o') return is_digits(s.substr(2), oct);
  if (s.size() > 2 && s[0] == '0' && s[1] == 'x') return is_digits(s.substr(2), hex);
  return is_digits(without_sign(s), dec);
}

// [-+]? ( . [0-9]+ | [0-9]+ ( . [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?  or ±.inf, .nan
bool is_core_float(std::string_view s) {
  for (std::string_view special : {".inf", ".Inf", ".INF"})
    if (without_sign(s) == special) return true;
  if (s == ".nan" || s == ".NaN" || s == ".NAN") return true;
  s = without_sign(s);
  size_t i = 0, int_digits = 0, frac_digits = 0;
  while (i < s.size() && dec(s[i])) ++i, ++int_digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && dec(s[i])) ++i, ++frac_digits;
  }
  if (int_digits == 0 && frac_digits == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    std::string_view exp = without_sign(s.substr(i + 1));
    return is_digits(exp, dec);
  }
  return i == s.size();
}

// Quotes `text` as a YAML double-quoted scalar for the "quote it" hint.
std::string yaml_quoted(std::string_view text) {
  std::string out = "\"";
  for (char c : clip(text)) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string position_in_file(const SourcePos& p) {
  return std::to_string(p.line) + ":" + std::to_string(p.column);
}

}  // namespace

SourcePos Context::pos(const YamlNode& node) const {
  return SourcePos{m_file, node.mark().line + 1, node.mark().column + 1};
}

const Context::SourceFileCheck& Context::check_source_file(const std::string& written,
                                                           const std::filesystem::path& base_dir) {
  auto [it, fresh] = m_source_files.try_emplace(written);
  SourceFileCheck& check = it->second;
  if (!fresh) return check;
  namespace fs = std::filesystem;
  fs::path p(written);
  check.path = (p.is_absolute() ? p : base_dir / p).lexically_normal();
  std::error_code ec;
  fs::file_status st = fs::status(check.path, ec);
  if (!fs::exists(st)) {
    check.problem = "not found (looked for " + check.path.string() + ")";
  } else if (!fs::is_regular_file(st)) {
    check.problem = "is not a regular file";
  } else if (std::FILE* file = std::fopen(check.path.c_str(), "rb")) {
    std::fclose(file);  // opening is the only reliable permission check (ACLs, root, read-only)
  } else {
    check.problem = std::string("cannot be read: ") + std::strerror(errno);
  }
  return check;
}

void Context::warning(SourcePos where, std::string message) {
  m_diags.warning(std::move(where), std::move(message));
}

void Context::error(SourcePos where, std::string message) {
  m_diags.error(std::move(where), std::move(message));
  if (++m_errors >= k_max_errors_per_file) {
    m_diags.error(file_pos(), "too many errors (" + std::to_string(k_max_errors_per_file) +
                                  "); the rest of this file was not checked");
    throw StopFile{};
  }
}

void Context::visit() {
  if (++m_visits <= m_visit_budget) return;
  m_diags.error(file_pos(), "the manifest expands to more than " +
                                std::to_string(k_max_alias_nodes) +
                                " YAML nodes through aliases; the rest was not checked");
  throw StopFile{};
}

ScalarKind scalar_kind(const YamlNode& node) {
  if (node.is_null()) return ScalarKind::null;
  const std::string& tag = node.tag();
  if (tag == "!" || tag == k_str_tag) return ScalarKind::string;
  if (tag != "?") {
    if (tag == "tag:yaml.org,2002:int") return ScalarKind::integer;
    if (tag == "tag:yaml.org,2002:float") return ScalarKind::floating;
    if (tag == "tag:yaml.org,2002:bool") return ScalarKind::boolean;
    if (tag == "tag:yaml.org,2002:null") return ScalarKind::null;
    return ScalarKind::other_tag;
  }
  const std::string& s = node.scalar();
  if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") return ScalarKind::null;
  if (s == "true" || s == "True" || s == "TRUE" || s == "false" || s == "False" || s == "FALSE")
    return ScalarKind::boolean;
  if (is_core_int(s)) return ScalarKind::integer;
  if (is_core_float(s)) return ScalarKind::floating;
  return ScalarKind::string;
}

std::vector<Field> read_entries(Context& ctx, const YamlNode& node) {
  std::vector<Field> out;
  std::map<std::string, SourcePos> first;
  for (const YamlEntry& entry : node.entries()) {
    ctx.visit();
    const YamlNode& key = *entry.key;
    SourcePos key_pos = ctx.pos(key);
    if (!key.is_scalar() || scalar_kind(key) == ScalarKind::other_tag) {
      ctx.error(key_pos, "field names must be plain strings");
      continue;
    }
    const std::string name = key.scalar();
    auto [seen, inserted] = first.emplace(name, key_pos);
    if (!inserted) {
      ctx.error(key_pos, "duplicate field `" + clip(name) + "` (first at " +
                             position_in_file(seen->second) + ")");
      continue;
    }
    SourcePos value_pos = entry.value->is_null() ? key_pos : ctx.pos(*entry.value);
    out.push_back(Field{name, *entry.value, key_pos, value_pos});
  }
  return out;
}

std::vector<Field> read_fields(Context& ctx, const YamlNode& node,
                               std::span<const std::string_view> allowed) {
  std::vector<Field> out;
  for (Field& f : read_entries(ctx, node)) {
    bool known = false;
    for (std::string_view a : allowed) known = known || a == f.name;
    if (known)
      out.push_back(std::move(f));
    else
      ctx.error(f.key_pos, "unknown field `" + clip(f.name) + "`" + did_you_mean(f.name, allowed));
  }
  return out;
}

std::optional<std::string> read_string(Context& ctx, const YamlNode& node, const SourcePos& at,
                                       const std::string& what) {
  if (!node.is_scalar() && !node.is_null()) {
    ctx.error(at, what + " must be a string");
    return std::nullopt;
  }
  switch (scalar_kind(node)) {
    case ScalarKind::string: break;
    case ScalarKind::null: ctx.error(at, what + " must be a string"); return std::nullopt;
    case ScalarKind::other_tag:
      ctx.error(at, what + " has an unsupported YAML tag `" + clip(node.tag()) + "`");
      return std::nullopt;
    default:
      ctx.error(at, what + " must be a string; quote it: " + yaml_quoted(node.scalar()));
      return std::nullopt;
  }
  if (!utf8_length(node.scalar())) {
    ctx.error(at, what + " is not valid UTF-8");
    return std::nullopt;
  }
  return node.scalar();
}

std::optional<bool> read_bool(Context& ctx, const YamlNode& node, const SourcePos& at,
                              const std::string& what) {
  if (node.is_scalar() && scalar_kind(node) == ScalarKind::boolean) {
    const std::string& s = node.scalar();
    if (s == "true" || s == "True" || s == "TRUE") return true;
    if (s == "false" || s == "False" || s == "FALSE") return false;
  }
  ctx.error(at, what + " must be true or false");
  return std::nullopt;
}

std::optional<int64_t> read_count(Context& ctx, const YamlNode& node, const SourcePos& at,
                                  const std::string& what, int64_t max) {
  if (node.is_scalar() && scalar_kind(node) == ScalarKind::integer) {
    std::string_view s = node.scalar();
    if (!s.empty() && s[0] == '+') s.remove_prefix(1);
    if (is_digits(s, dec)) {
      int64_t v = 0;
      auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
      if (ec == std::errc() && end == s.data() + s.size() && v <= max) return v;
      ctx.error(at, what + " must be at most " + std::to_string(max));
      return std::nullopt;
    }
  }
  ctx.error(at, what + " must be a non-negative integer");
  return std::nullopt;
}

bool expect_mapping(Context& ctx, const YamlNode& node, const SourcePos& at,
                    const std::string& what) {
  if (node.is_map()) return true;
  ctx.error(at, what + " must be a mapping");
  return false;
}

std::optional<std::vector<std::pair<std::string, SourcePos>>> read_string_list(
    Context& ctx, const YamlNode& node, const SourcePos& at, const std::string& what) {
  if (!node.is_sequence()) {
    ctx.error(at, what + " must be a list of strings");
    return std::nullopt;
  }
  std::vector<std::pair<std::string, SourcePos>> out;
  const std::string item_what = "each entry of " + what;
  for (const YamlNode* entry : node.items()) {
    const YamlNode& item = *entry;
    ctx.visit();
    SourcePos p = item.is_null() ? at : ctx.pos(item);
    if (auto s = read_string(ctx, item, p, item_what))
      out.emplace_back(std::move(*s), std::move(p));
  }
  return out;
}

std::optional<std::string> read_string(Context& ctx, const Field& f) {
  return read_string(ctx, f.value, f.value_pos, f.quoted());
}

std::optional<bool> read_bool(Context& ctx, const Field& f) {
  return read_bool(ctx, f.value, f.value_pos, f.quoted());
}

std::optional<int64_t> read_count(Context& ctx, const Field& f, int64_t max) {
  return read_count(ctx, f.value, f.value_pos, f.quoted(), max);
}

std::optional<std::string> read_choice(Context& ctx, const Field& f,
                                       std::span<const std::string_view> choices) {
  auto s = read_string(ctx, f);
  if (!s) return std::nullopt;
  for (std::string_view c : choices)
    if (c == *s) return s;
  std::string list;
  for (std::string_view c : choices) list += (list.empty() ? "" : ", ") + std::string(c);
  ctx.error(f.value_pos, f.quoted() + " must be one of: " + list + "; got `" + clip(*s) + "`" +
                             did_you_mean(*s, choices));
  return std::nullopt;
}

std::optional<size_t> utf8_length(std::string_view s) {
  size_t count = 0;
  for (size_t i = 0; i < s.size(); ++count) {
    auto c = static_cast<unsigned char>(s[i]);
    size_t len = c < 0x80           ? 1
                 : (c >> 5) == 0x6  ? 2
                 : (c >> 4) == 0xE  ? 3
                 : (c >> 3) == 0x1E ? 4
                                    : 0;
    if (len == 0 || i + len > s.size()) return std::nullopt;
    for (size_t k = 1; k < len; ++k)
      if ((static_cast<unsigned char>(s[i + k]) >> 6) != 0x2) return std::nullopt;
    i += len;
  }
  return count;
}

std::string clip(std::string_view s, size_t max) {
  if (s.size() <= max) return std::string(s);
  size_t cut = max;
  // Step back to a character boundary so the message stays valid UTF-8.
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) >> 6) == 0x2) --cut;
  return std::string(s.substr(0, cut)) + "…";
}

}  // namespace glancer::manifest
