#include "manifest/image_fields.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>

#include "core/uuid.h"
#include "manifest/property_rules.h"

namespace glancer::manifest {

namespace {

constexpr std::array<std::string_view, 16> k_image_fields{
    "key",     "name",   "disk_format", "container_format", "visibility", "protected",
    "hidden",  "status", "min_disk",    "min_ram",          "tags",       "properties",
    "members", "source", "rotation",    "lifecycle"};

// A non-empty string of at most k_max_name_length characters (key, name, tag, member id).
std::optional<std::string> read_name_like(Context& ctx, const YamlNode& node, const SourcePos& at,
                                          const std::string& what) {
  auto s = read_string(ctx, node, at, what);
  if (!s) return std::nullopt;
  if (s->empty()) {
    ctx.error(at, what + " must not be empty");
    return std::nullopt;
  }
  size_t length = *utf8_length(*s);  // read_string checked UTF-8
  if (length > k_max_name_length) {
    ctx.error(at, what + " must be at most " + std::to_string(k_max_name_length) +
                      " characters (has " + std::to_string(length) + ")");
    return std::nullopt;
  }
  return s;
}

// tags / members: a list of distinct non-empty names; `item` names one in messages ("tag").
bool parse_name_set(Context& ctx, const Field& f, const std::string& item, size_t max,
                    std::set<std::string>& out, DesiredImage& im) {
  auto list = read_string_list(ctx, f.value, f.value_pos, f.quoted());
  if (!list) return false;
  bool ok = true;
  if (list->size() > max) {
    ctx.error(f.value_pos, f.quoted() + " has " + std::to_string(list->size()) +
                               " entries; Glance allows at most " + std::to_string(max));
    ok = false;
  }
  std::set<std::string> names;
  for (const auto& [value, pos] : *list) {
    if (value.empty() || *utf8_length(value) > k_max_name_length) {
      ctx.error(pos, "each " + item + " must have 1 to " + std::to_string(k_max_name_length) +
                         " characters");
      ok = false;
    } else if (!names.insert(value).second) {
      ctx.error(pos, "duplicate " + item + " `" + clip(value) + "`");
      ok = false;
    } else {
      im.field_pos.set(f.name + "." + value, pos);
    }
  }
  out = std::move(names);
  return ok;
}

// Keystone project ids are 32 hex digits (some deployments use UUIDs); Glance takes any
// string as a member, so a project name is accepted and shares the image with nobody.
bool is_project_id(std::string_view text) {
  if (is_uuid(text)) return true;
  return text.size() == 32 && std::all_of(text.begin(), text.end(),
                                          [](unsigned char c) { return std::isxdigit(c) != 0; });
}

// members: parsed as a set of names, each checked to look like a project id (a warning).
bool parse_members(Context& ctx, const Field& f, DesiredImage& im) {
  bool ok = parse_name_set(ctx, f, "member", vocab::k_max_members, im.members, im);
  for (const std::string& member : im.members)
    if (!is_project_id(member))
      ctx.warning(im.pos("members." + member),
                  "member `" + clip(member) +
                      "` is not a project id (32 hex digits or a UUID): Glance would share the "
                      "image with no project; use the project's id, not its name");
  return ok;
}

bool parse_properties(Context& ctx, const Field& f, DesiredImage& im) {
  if (!expect_mapping(ctx, f.value, f.value_pos, f.quoted())) return false;
  bool ok = true;
  for (const Field& p : read_entries(ctx, f.value)) {
    if (auto problem = property_name_problem(p.name)) {
      ctx.error(p.key_pos, *problem);
      ok = false;
      continue;
    }
    auto value = read_string(ctx, p.value, p.value_pos, "property `" + p.name + "`");
    if (!value) {
      ok = false;
      continue;
    }
    if (value->size() > vocab::k_max_property_value) {
      ctx.error(p.value_pos, "property `" + clip(p.name) + "` is longer than " +
                                 std::to_string(vocab::k_max_property_value) + " bytes");
      ok = false;
      continue;
    }
    im.properties[p.name] = *value;
    im.field_pos.set("properties." + p.name, p.key_pos);
  }
  return ok;
}

template <class T>
bool assign(std::optional<T> value, T& to) {
  if (!value) return false;
  to = std::move(*value);
  return true;
}

// Reads one known field into `out`; false if it is invalid (already reported).
bool parse_field(Context& ctx, const Field& f, const std::filesystem::path& base_dir,
                 ParsedImage& out) {
  DesiredImage& im = out.image;
  const std::string& n = f.name;
  if (n == "key") return assign(read_name_like(ctx, f.value, f.value_pos, f.quoted()), im.key);
  if (n == "name") return assign(read_name_like(ctx, f.value, f.value_pos, f.quoted()), im.name);
  if (n == "disk_format") return assign(read_choice(ctx, f, vocab::k_disk_formats), im.disk_format);
  if (n == "container_format")
    return assign(read_choice(ctx, f, vocab::k_container_formats), im.container_format);
  if (n == "visibility") return assign(read_choice(ctx, f, vocab::k_visibilities), im.visibility);
  if (n == "status") return assign(read_choice(ctx, f, vocab::k_settable_statuses), im.status);
  if (n == "protected") return assign(read_bool(ctx, f), im.protected_);
  if (n == "hidden") return assign(read_bool(ctx, f), im.hidden);
  if (n == "min_disk") return assign(read_count(ctx, f, vocab::k_max_min_size), im.min_disk);
  if (n == "min_ram") return assign(read_count(ctx, f, vocab::k_max_min_size), im.min_ram);
  if (n == "tags") return parse_name_set(ctx, f, "tag", vocab::k_max_tags, im.tags, im);
  if (n == "members") return parse_members(ctx, f, im);
  if (n == "properties") return parse_properties(ctx, f, im);
  if (n == "source") return parse_source(ctx, f, base_dir, out);
  if (n == "rotation") return parse_rotation(ctx, f, out);
  if (n == "lifecycle") return parse_lifecycle(ctx, f, out);
  return false;  // read_fields only returns the names above
}

}  // namespace

ParsedImage parse_image(Context& ctx, const YamlNode& node, const SourcePos& where, EntryKind kind,
                        const std::filesystem::path& base_dir) {
  ParsedImage out;
  out.image.where = where;
  for (const Field& f : read_fields(ctx, node, k_image_fields)) {
    if (kind == EntryKind::defaults &&
        (f.name == "key" || f.name == "name" || f.name == "source")) {
      ctx.error(f.key_pos, f.quoted() + " cannot be set in `defaults`; set it on each image");
      continue;
    }
    if (parse_field(ctx, f, base_dir, out))
      out.image.field_pos.set(f.name, f.key_pos);
    else
      out.invalid.insert(f.name);
  }
  if (kind == EntryKind::defaults) return out;

  if (!out.has("name") && !out.invalid.count("name"))
    ctx.error(where, "missing required field `name`");
  if (!out.has("key") && !out.invalid.count("key") && out.has("name")) {
    // The key is the image's identity in its set; without one the name serves.
    out.image.key = out.image.name;
    out.image.field_pos.set("key", *out.image.field_pos.find("name"));
  }
  return out;
}

ParsedImage apply_defaults(const ParsedImage& defaults, const ParsedImage& image) {
  ParsedImage merged = defaults;
  DesiredImage& m = merged.image;
  const DesiredImage& i = image.image;
  m.set = i.set;
  m.key = i.key;
  m.name = i.name;
  m.source = i.source;
  m.where = i.where;

  auto own = [&](const char* path) { return image.has(path); };
  // A replaced list drops the positions of the inherited items too.
  auto drop_items = [&](const std::string& list) { m.field_pos.erase_prefix(list + "."); };
  if (own("disk_format")) m.disk_format = i.disk_format;
  if (own("container_format")) m.container_format = i.container_format;
  if (own("visibility")) m.visibility = i.visibility;
  if (own("protected")) m.protected_ = i.protected_;
  if (own("hidden")) m.hidden = i.hidden;
  if (own("status")) m.status = i.status;
  if (own("min_disk")) m.min_disk = i.min_disk;
  if (own("min_ram")) m.min_ram = i.min_ram;
  if (own("tags")) m.tags = i.tags, drop_items("tags");
  if (own("members")) m.members = i.members, drop_items("members");
  for (const auto& [k, v] : i.properties) m.properties[k] = v;
  if (i.rotation && !m.rotation) m.rotation = i.rotation;
  if (i.rotation && own("rotation.keep")) m.rotation->keep = i.rotation->keep;
  if (i.rotation && own("rotation.retire")) m.rotation->retire = i.rotation->retire;
  if (own("lifecycle.prevent_destroy")) m.lifecycle.prevent_destroy = i.lifecycle.prevent_destroy;
  if (own("lifecycle.ignore_changes")) m.lifecycle.ignore_changes = i.lifecycle.ignore_changes;
  for (const auto& [path, pos] : i.field_pos) m.field_pos.set(path, pos);

  // A default's invalid value matters only where the image does not set its own.
  merged.invalid = image.invalid;
  for (const std::string& path : defaults.invalid)
    if (!image.has(path)) merged.invalid.insert(path);
  return merged;
}

void check_image(Context& ctx, const ParsedImage& image) {
  const DesiredImage& im = image.image;
  if (!im.members.empty() && im.visibility != "shared" && !image.invalid.count("visibility"))
    ctx.error(im.pos("members"), "`members` requires `visibility: shared` (image `" +
                                     clip(im.key.empty() ? im.name : im.key) + "` is " +
                                     im.visibility + ")");
  constexpr size_t max_properties = vocab::k_max_properties - k_label_properties;
  if (im.properties.size() > max_properties)
    ctx.error(im.pos("properties"),
              "image `" + clip(im.key.empty() ? im.name : im.key) + "` has " +
                  std::to_string(im.properties.size()) + " properties; at most " +
                  std::to_string(max_properties) + " fit (Glance allows " +
                  std::to_string(vocab::k_max_properties) + ", glancer needs " +
                  std::to_string(k_label_properties) + " for its labels)");
}

}  // namespace glancer::manifest
