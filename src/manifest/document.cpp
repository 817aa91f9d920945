#include "manifest/document.h"

#include <algorithm>
#include <array>

#include "manifest/image_fields.h"
#include "manifest/scs_0102.h"

namespace glancer::manifest {

namespace {

constexpr std::string_view k_api_version = "glancer/v1";
constexpr std::string_view k_kind = "ImageSet";
constexpr std::array<std::string_view, 5> k_document_fields{"apiVersion", "kind", "metadata",
                                                            "defaults", "images"};
constexpr std::array<std::string_view, 2> k_metadata_fields{"name", "standards"};

bool is_set_name_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '_' || c == '-';
}

// What `metadata:` says.
struct Metadata {
  std::optional<std::pair<std::string, SourcePos>> name;  ///< nullopt if missing or invalid
  std::vector<std::string> standards;                     ///< the known ones given
};

// metadata.standards: a list of standards glancer knows (scs_0102.h).
std::vector<std::string> parse_standards(Context& ctx, const Field& f) {
  std::vector<std::string> out;
  auto items = read_string_list(ctx, f.value, f.value_pos, "`metadata.standards`");
  if (!items) return out;
  for (const auto& [standard, at] : *items) {
    if (std::find(scs::k_standards.begin(), scs::k_standards.end(), standard) ==
        scs::k_standards.end())
      ctx.error(at, "unknown standard `" + clip(standard) +
                        "` in `metadata.standards` (known: " + std::string(scs::k_scs_0102) + ")");
    else if (std::find(out.begin(), out.end(), standard) == out.end())
      out.push_back(standard);
  }
  return out;
}

// metadata.name (reported if missing or invalid) and metadata.standards.
Metadata parse_metadata(Context& ctx, const Field& f) {
  Metadata out;
  if (!expect_mapping(ctx, f.value, f.value_pos, f.quoted())) return out;
  bool seen = false;
  for (const Field& m : read_fields(ctx, f.value, k_metadata_fields)) {
    if (m.name == "standards") {
      out.standards = parse_standards(ctx, m);
      continue;
    }
    seen = true;
    auto s = read_string(ctx, m);
    if (!s) continue;
    bool valid = !s->empty() && s->size() <= k_max_name_length;
    for (char c : *s) valid = valid && is_set_name_char(c);
    if (valid)
      out.name.emplace(*s, m.key_pos);
    else
      ctx.error(m.value_pos, "set name `" + clip(*s) + "` must be 1 to " +
                                 std::to_string(k_max_name_length) +
                                 " characters of A-Z a-z 0-9 . _ -");
  }
  if (!seen) ctx.error(f.key_pos, "missing required field `metadata.name`");
  return out;
}

// The rules of the standards `image` follows, reported through `ctx` (which caps a file's
// errors).
void check_standards(Context& ctx, const DesiredImage& image) {
  if (!scs::follows_scs_0102(image)) return;
  Diagnostics found;
  scs::check_image(image, found);
  for (const Diagnostic& d : found.items()) {
    if (d.severity == Severity::error)
      ctx.error(d.where, d.message);
    else
      ctx.warning(d.where, d.message);
  }
}

// A document-level string field that must equal `expected`; false if it is present and differs.
bool check_constant(Context& ctx, const Field& f, std::string_view expected) {
  auto s = read_string(ctx, f);
  if (!s) return false;
  if (*s == expected) return true;
  ctx.error(f.value_pos, "unsupported " + f.name + " `" + clip(*s) + "` (expected `" +
                             std::string(expected) + "`)");
  return false;
}

}  // namespace

void StateBuilder::add_set(const std::string& name, const SourcePos& where) {
  if (!m_state.has_set(name)) m_state.sets.push_back(ImageSetInfo{name, where});
}

void StateBuilder::add_image(Context& ctx, DesiredImage image) {
  auto [first, inserted] = m_first_key.emplace(std::pair(image.set, image.key), image.pos("key"));
  if (!inserted) {
    ctx.error(image.pos("key"), "duplicate image key `" + clip(image.key) + "` (first defined at " +
                                    first->second.to_string() + ")");
    return;
  }
  m_state.images.push_back(std::move(image));
}

DesiredState StateBuilder::take() {
  m_first_key.clear();
  return std::exchange(m_state, DesiredState{});
}

void parse_document(Context& ctx, const YamlNode& root, const std::filesystem::path& base_dir,
                    StateBuilder& out) {
  SourcePos doc_pos = ctx.pos(root);
  if (!root.is_map()) {
    ctx.error(doc_pos, "a manifest document must be a mapping with `apiVersion: " +
                           std::string(k_api_version) + "`");
    return;
  }
  std::vector<Field> fields = read_fields(ctx, root, k_document_fields);
  auto find = [&](std::string_view name) -> const Field* {
    for (const Field& f : fields)
      if (f.name == name) return &f;
    return nullptr;
  };

  // Another apiVersion or kind has another schema: checking the rest against v1 would only
  // produce noise, so the document stops here.
  const Field* api = find("apiVersion");
  if (!api)
    ctx.error(doc_pos, "missing required field `apiVersion` (use `apiVersion: " +
                           std::string(k_api_version) + "`)");
  else if (!check_constant(ctx, *api, k_api_version))
    return;
  const Field* kind = find("kind");
  if (!kind)
    ctx.error(doc_pos, "missing required field `kind` (use `kind: " + std::string(k_kind) + "`)");
  else if (!check_constant(ctx, *kind, k_kind))
    return;

  std::optional<std::pair<std::string, SourcePos>> set;
  std::vector<std::string> standards;
  if (const Field* metadata = find("metadata")) {
    Metadata m = parse_metadata(ctx, *metadata);
    set = std::move(m.name);
    standards = std::move(m.standards);
  } else
    ctx.error(doc_pos, "missing required field `metadata`");
  if (set) out.add_set(set->first, set->second);

  ParsedImage defaults;
  const Field* defaults_field = find("defaults");
  if (defaults_field && !defaults_field->value.get().is_null() &&
      expect_mapping(ctx, defaults_field->value, defaults_field->value_pos, "`defaults`"))
    defaults = parse_image(ctx, defaults_field->value, defaults_field->value_pos,
                           EntryKind::defaults, base_dir);

  const Field* images = find("images");
  // `images:` with nothing under it is an empty set, like `images: []`.
  if (!images || images->value.get().is_null()) return;
  if (!images->value.get().is_sequence()) {
    ctx.error(images->value_pos, "`images` must be a list of images");
    return;
  }
  for (const YamlNode* item : images->value.get().items()) {
    const YamlNode& entry = *item;
    ctx.visit();
    SourcePos where = entry.is_null() ? images->value_pos : ctx.pos(entry);
    if (!entry.is_map()) {
      ctx.error(where, "each entry of `images` must be a mapping");
      continue;
    }
    ParsedImage image = parse_image(ctx, entry, where, EntryKind::image, base_dir);
    ParsedImage merged = apply_defaults(defaults, image);
    check_image(ctx, merged);
    // Without a set or a key the image cannot be identified; its errors are reported already.
    if (!set || merged.image.key.empty()) continue;
    merged.image.set = set->first;
    merged.image.standards = standards;
    if (scs::follows_scs_0102(merged.image)) scs::fill_properties(merged.image);
    check_standards(ctx, merged.image);
    out.add_image(ctx, std::move(merged.image));
  }
}

}  // namespace glancer::manifest
