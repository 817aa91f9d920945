// `source.track`: how `glancer update` finds newer releases. Checked here so that a bad regex
// or template is a located manifest error, not a failure of a scheduled job later.

#include <array>
#include <regex>

#include "manifest/image_fields.h"

namespace glancer::manifest {

namespace {

constexpr std::array<std::string_view, 4> k_track_fields{"index", "match", "url", "checksum_url"};
constexpr std::array<std::string_view, 3> k_placeholders{"{base}", "{name}", "{version}"};

// A non-empty string whose every `{…}` is one of k_placeholders.
std::optional<std::string> read_template(Context& ctx, const Field& f) {
  auto text = read_string(ctx, f);
  if (!text) return std::nullopt;
  if (text->empty()) {
    ctx.error(f.value_pos, "`track." + f.name + "` must not be empty");
    return std::nullopt;
  }
  for (size_t open = text->find('{'); open != std::string::npos; open = text->find('{', open + 1)) {
    size_t close = text->find('}', open);
    std::string_view word =
        std::string_view(*text).substr(open, close == std::string::npos ? 1 : close - open + 1);
    bool known = false;
    for (std::string_view p : k_placeholders) known = known || p == word;
    if (!known) {
      ctx.error(f.value_pos, "`track." + f.name + "` has the unknown placeholder `" + clip(word) +
                                 "`; use {base}, {name} or {version}");
      return std::nullopt;
    }
  }
  return text;
}

// A regular expression std::regex accepts (ECMAScript) with at least one capture group.
std::optional<std::string> read_match(Context& ctx, const Field& f) {
  auto text = read_string(ctx, f);
  if (!text) return std::nullopt;
  try {
    std::regex re(*text, std::regex::ECMAScript);
    if (re.mark_count() == 0) {
      ctx.error(f.value_pos,
                "`track.match` needs a capture group for the version, e.g. 'release-(\\d{8})/'");
      return std::nullopt;
    }
  } catch (const std::regex_error& e) {
    ctx.error(f.value_pos, "`track.match` is not a valid ECMAScript regular expression (" +
                               std::string(e.what()) + "): `" + clip(*text) + "`");
    return std::nullopt;
  }
  return text;
}

}  // namespace

std::optional<SourceTrack> parse_track(Context& ctx, const Field& f, FieldPositions& pos) {
  if (!expect_mapping(ctx, f.value, f.value_pos, f.quoted())) return std::nullopt;
  SourceTrack track;
  bool ok = true;
  bool has_index = false, has_match = false;
  for (const Field& t : read_fields(ctx, f.value, k_track_fields)) {
    std::optional<std::string> value;
    if (t.name == "index") {
      has_index = true;
      value = read_string(ctx, t);
      if (value && !value->starts_with("https://") && !value->starts_with("http://")) {
        ctx.error(t.value_pos,
                  "`track.index` must be an http:// or https:// URL; got `" + clip(*value) + "`");
        value.reset();
      }
      if (value) track.index = *value;
    } else if (t.name == "match") {
      has_match = true;
      if ((value = read_match(ctx, t))) track.match = *value;
    } else if (t.name == "url") {
      if ((value = read_template(ctx, t))) track.url = *value;
    } else if (t.name == "checksum_url") {
      if ((value = read_template(ctx, t))) track.checksum_url = *value;
    }
    if (value) pos.set("source.track." + t.name, t.key_pos);
    ok = ok && value.has_value();
  }
  for (auto [present, name] : {std::pair{has_index, "index"}, std::pair{has_match, "match"}})
    if (!present) {
      ctx.error(f.key_pos, std::string("`track` needs `") + name + "`");
      ok = false;
    }
  if (!ok) return std::nullopt;
  return track;
}

}  // namespace glancer::manifest
