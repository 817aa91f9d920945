// The nested mappings of an image entry: source, rotation, lifecycle.

#include <array>
#include <limits>

#include "manifest/image_fields.h"
#include "manifest/suggest.h"

namespace glancer::manifest {

namespace {

constexpr std::array<std::string_view, 8> k_source_fields{
    "file", "url", "checksum", "checksum_url", "method", "version", "allow_backing_file", "track"};
constexpr std::array<std::string_view, 2> k_methods{"upload", "web-download"};
constexpr std::array<std::string_view, 2> k_rotation_fields{"keep", "retire"};
constexpr std::array<std::string_view, 3> k_retire_modes{"delete", "deactivate", "hide"};
constexpr std::array<std::string_view, 2> k_lifecycle_fields{"prevent_destroy", "ignore_changes"};

// The attribute paths the planner compares (plan/diff.cpp); `properties.KEY` is accepted too.
constexpr std::array<std::string_view, 12> k_ignorable{
    "name",   "disk_format", "container_format", "visibility", "protected", "hidden",
    "status", "min_disk",    "min_ram",          "tags",       "members",   "properties.KEY"};

// A present, non-empty string.
std::optional<std::string> read_text(Context& ctx, const Field& f) {
  auto s = read_string(ctx, f);
  if (s && s->empty()) {
    ctx.error(f.value_pos, f.quoted() + " must not be empty");
    return std::nullopt;
  }
  return s;
}

// `written` resolved against `base_dir` (absolute, lexically normal), if it names a readable
// regular file; else reports why at the `file:` key.
std::optional<std::filesystem::path> resolve_source_file(Context& ctx, const Field& f,
                                                         const std::string& written,
                                                         const std::filesystem::path& base_dir) {
  const Context::SourceFileCheck& check = ctx.check_source_file(written, base_dir);
  if (check.problem.empty()) return check.path;
  ctx.error(f.key_pos, "source file `" + clip(written, 200) + "` " + check.problem);
  return std::nullopt;
}

// `text` if it is an http:// or https:// URL with a host; else reported.
std::optional<std::string> read_url(Context& ctx, const Field& f) {
  auto text = read_text(ctx, f);
  if (!text) return std::nullopt;
  for (std::string_view scheme : {"https://", "http://"})
    if (text->starts_with(scheme) && text->size() > scheme.size() && (*text)[scheme.size()] != '/')
      return text;
  ctx.error(f.value_pos,
            f.quoted() + " must be an http:// or https:// URL; got `" + clip(*text) + "`");
  return std::nullopt;
}

bool check_ignorable(Context& ctx, const std::string& path, const SourcePos& at) {
  if (path.starts_with("properties.") && path.size() > 11) return true;
  for (std::string_view p : k_ignorable)
    if (p == path && path != "properties.KEY") return true;
  if (path == "properties")
    ctx.error(at, "`ignore_changes` takes single properties, e.g. `properties.hw_disk_bus`");
  else
    ctx.error(at, "unknown attribute `" + clip(path) + "` in `ignore_changes`" +
                      did_you_mean(path, k_ignorable));
  return false;
}

}  // namespace

bool parse_source(Context& ctx, const Field& f, const std::filesystem::path& base_dir,
                  ParsedImage& out) {
  if (!expect_mapping(ctx, f.value, f.value_pos, f.quoted())) return false;
  ImageSource src;
  auto& pos = out.image.field_pos;
  bool ok = true;
  const Field* file = nullptr;
  const Field* url = nullptr;
  const Field* method = nullptr;
  const Field* checksum_url = nullptr;
  const Field* checksum = nullptr;
  const Field* track = nullptr;
  std::vector<Field> fields = read_fields(ctx, f.value, k_source_fields);
  for (const Field& s : fields) {
    bool valid = false;
    if (s.name == "file") {
      file = &s;
      if (auto written = read_text(ctx, s))
        if (auto resolved = resolve_source_file(ctx, s, *written, base_dir))
          src.file = *resolved, valid = true;
    } else if (s.name == "url") {
      url = &s;
      if (auto text = read_url(ctx, s)) src.url = *text, valid = true;
    } else if (s.name == "checksum") {
      checksum = &s;
      if (auto text = read_string(ctx, s)) {
        auto digest = Digest::parse(*text);
        if (digest)
          src.checksum = *digest, valid = true;
        else
          ctx.error(s.value_pos, digest.error().message);
      }
    } else if (s.name == "checksum_url") {
      checksum_url = &s;
      if (auto text = read_url(ctx, s)) src.checksum_url = *text, valid = true;
    } else if (s.name == "method") {
      method = &s;
      if (auto text = read_choice(ctx, s, k_methods)) src.method = *text, valid = true;
    } else if (s.name == "version") {
      if (auto text = read_string(ctx, s)) src.version = *text, valid = true;
    } else if (s.name == "allow_backing_file") {
      if (auto b = read_bool(ctx, s)) src.allow_backing_file = *b, valid = true;
    } else if (s.name == "track") {
      track = &s;
      if (auto t = parse_track(ctx, s, pos)) src.track = std::move(*t), valid = true;
    }
    if (valid) pos.set("source." + s.name, s.key_pos);
    ok = ok && valid;
  }

  if (file && url) {
    ctx.error(url->key_pos, "`source` has both `file` and `url`; give exactly one");
    ok = false;
  } else if (!file && !url) {
    ctx.error(f.key_pos, "`source` needs `file` or `url`");
    ok = false;
  }
  if (file && !url && method && src.method == "web-download") {
    ctx.error(method->value_pos, "`method: web-download` needs a `url` source");
    ok = false;
  }
  if (file && !url && checksum_url) {
    ctx.error(checksum_url->key_pos, "`checksum_url` needs a `url` source");
    ok = false;
  }
  if (file && !url && track) {
    ctx.error(track->key_pos, "`track` needs a `url` source");
    ok = false;
  }
  if (!src.url.empty() && !file && !checksum && !checksum_url)
    ctx.warning(url->key_pos,
                "a `url` source without `checksum` or `checksum_url` cannot be verified; "
                "a new upstream file is noticed only by its Last-Modified date or `version`");
  out.image.source = std::move(src);
  return ok;
}

bool parse_rotation(Context& ctx, const Field& f, ParsedImage& out) {
  if (!expect_mapping(ctx, f.value, f.value_pos, f.quoted())) return false;
  Rotation rotation;
  bool ok = true;
  for (const Field& r : read_fields(ctx, f.value, k_rotation_fields)) {
    bool valid = false;
    if (r.name == "keep") {
      if (auto keep = read_count(ctx, r, std::numeric_limits<int>::max()))
        rotation.keep = static_cast<int>(*keep), valid = true;
    } else if (r.name == "retire") {
      if (auto retire = read_choice(ctx, r, k_retire_modes))
        rotation.retire = *retire, valid = true;
    }
    if (valid) out.image.field_pos.set("rotation." + r.name, r.key_pos);
    ok = ok && valid;
  }
  out.image.rotation = rotation;
  return ok;
}

bool parse_lifecycle(Context& ctx, const Field& f, ParsedImage& out) {
  if (!expect_mapping(ctx, f.value, f.value_pos, f.quoted())) return false;
  Lifecycle& lifecycle = out.image.lifecycle;
  bool ok = true;
  for (const Field& l : read_fields(ctx, f.value, k_lifecycle_fields)) {
    bool valid = false;
    if (l.name == "prevent_destroy") {
      if (auto b = read_bool(ctx, l)) lifecycle.prevent_destroy = *b, valid = true;
    } else if (l.name == "ignore_changes") {
      if (auto list = read_string_list(ctx, l.value, l.value_pos, l.quoted())) {
        valid = true;
        std::set<std::string> seen;
        for (const auto& [path, at] : *list) {
          if (!check_ignorable(ctx, path, at)) {
            valid = false;
          } else if (!seen.insert(path).second) {
            ctx.error(at, "duplicate `ignore_changes` entry `" + clip(path) + "`");
            valid = false;
          } else {
            lifecycle.ignore_changes.push_back(path);
          }
        }
      }
    }
    if (valid) out.image.field_pos.set("lifecycle." + l.name, l.key_pos);
    ok = ok && valid;
  }
  return ok;
}

}  // namespace glancer::manifest
