#pragma once
/// Internal to manifest/: reading one image entry (or a set's `defaults:`) into a DesiredImage,
/// merging defaults into images, and the rules that span several fields.

#include <filesystem>
#include <set>
#include <string>

#include "glance/vocabulary.h"
#include "manifest/desired_state.h"
#include "manifest/yaml_util.h"

namespace glancer::manifest {

/// Longest image name, tag or member id (Glance's limit), and so also of a set name or an
/// image key (glancer's labels carry them), in characters.
inline constexpr size_t k_max_name_length = vocab::k_max_string_length;

/// Properties glancer itself sets at most at once (glancer.set, .key, .digest, .version, and
/// .pending or .previous).
inline constexpr size_t k_label_properties = 5;

/// What an entry is: an image, or `defaults:` (which may set every field but key, name, source).
enum class EntryKind { image, defaults };

/// An entry as written. Which fields it sets is the set of paths in image.field_pos; a field
/// that was present but invalid is in `invalid` instead (and keeps its default value), so
/// rules spanning fields can stay quiet rather than report a consequence of that error.
struct ParsedImage {
  DesiredImage image;
  std::set<std::string> invalid;

  bool has(const std::string& path) const { return image.field_pos.count(path) != 0; }
};

/// Reads mapping `node` (an image entry or `defaults:`) whose start is `where`. A relative
/// `source.file` is resolved against `base_dir` (absolute) and must be a readable file.
/// For an image, `key` defaults to `name`, and a missing `name` is reported at `where`.
ParsedImage parse_image(Context& ctx, const YamlNode& node, const SourcePos& where, EntryKind kind,
                        const std::filesystem::path& base_dir);

/// `image` with `defaults` merged in: the image's own values win; properties merge key by key;
/// rotation and lifecycle merge field by field; scalars and lists are replaced. Positions
/// of inherited values point into `defaults:`.
ParsedImage apply_defaults(const ParsedImage& defaults, const ParsedImage& image);

/// Rules that need the merged image: `members` only with `visibility: shared`; at most
/// vocab::k_max_properties - k_label_properties properties.
void check_image(Context& ctx, const ParsedImage& image);

// Nested mappings of an image entry (nested_fields.cpp). Each records its values and positions
// in `out` and returns false if the field is invalid.
bool parse_source(Context& ctx, const Field& f, const std::filesystem::path& base_dir,
                  ParsedImage& out);
bool parse_rotation(Context& ctx, const Field& f, ParsedImage& out);
bool parse_lifecycle(Context& ctx, const Field& f, ParsedImage& out);
/// `source.track` (track_fields.cpp): index and match required, match a valid ECMAScript regex
/// with a capture group, templates using only {base} {name} {version}; positions go to `pos`
/// as "source.track.FIELD".
std::optional<SourceTrack> parse_track(Context& ctx, const Field& f, FieldPositions& pos);

}  // namespace glancer::manifest
