#pragma once
/// The desired state read from manifests: plain values with the source positions of each field.

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/hashing.h"
#include "core/result.h"

namespace glancer {

/// Where an image's data comes from (exactly one of file / url).
struct ImageSource {
  std::filesystem::path file;      ///< absolute, resolved relative to the manifest's folder
  std::string url;                 ///< later issue: URL sources
  std::optional<Digest> checksum;  ///< verified before the image is published
  std::string checksum_url;
  std::string method = "upload";  ///< upload | web-download
  std::string version;            ///< release label, optional
  /// The data may read other files (a qcow2 backing file or external data file, vmdk extents,
  /// a vhd/vdi parent); refused by the content check unless set.
  bool allow_backing_file = false;
  friend bool operator==(const ImageSource&, const ImageSource&) = default;
};

/// Catalogue rotation: a new source replaces the image and the old one is kept as a version.
struct Rotation {
  int keep = 0;
  std::string retire = "delete";  ///< delete | deactivate | hide
  friend bool operator==(const Rotation&, const Rotation&) = default;
};

struct Lifecycle {
  bool prevent_destroy = false;
  std::vector<std::string>
      ignore_changes;  ///< attribute paths, e.g. "properties.hw_qemu_guest_agent"
  friend bool operator==(const Lifecycle&, const Lifecycle&) = default;
};

/// A `${image.KEY.id}` / `${image.SET/KEY.id}` reference in a property value: a dependency of
/// the image on another loaded image, whose id the planner substitutes for the text.
struct ImageRef {
  std::string property;  ///< the property whose value holds the reference
  std::string set;       ///< the referenced image's set, resolved (also when written without it)
  std::string key;       ///< the referenced image's key
  SourcePos where;       ///< the property (in the image or in its set's `defaults:`)
  friend bool operator==(const ImageRef&, const ImageRef&) = default;
};

/// Positions of an image's fields by path: "name", "properties.os_distro", "source.file", …
/// A sorted vector rather than a map: an image has a dozen, and the loader copies them from its
/// set's defaults into each of a catalogue's thousands of images.
class FieldPositions {
 public:
  using Entry = std::pair<std::string, SourcePos>;

  /// The position recorded for `path`, or nullptr.
  const SourcePos* find(std::string_view path) const;
  size_t count(std::string_view path) const { return find(path) ? 1 : 0; }
  size_t size() const { return m_entries.size(); }
  /// Records the position of `path`, replacing any earlier one.
  void set(std::string_view path, const SourcePos& pos);
  /// Forgets every path that starts with `prefix`.
  void erase_prefix(std::string_view prefix);
  /// In path order.
  std::vector<Entry>::const_iterator begin() const { return m_entries.begin(); }
  std::vector<Entry>::const_iterator end() const { return m_entries.end(); }

 private:
  std::vector<Entry>::iterator lower_bound(std::string_view path);
  std::vector<Entry> m_entries;  // sorted by path, unique
};

/// One image as the manifests want it, defaults already merged.
struct DesiredImage {
  std::string set;  ///< metadata.name of its ImageSet
  std::string key;  ///< stable identity inside the set; defaults to name
  std::string name;
  std::string disk_format = "qcow2";
  std::string container_format = "bare";
  std::string visibility = "private";
  bool protected_ = false;
  bool hidden = false;
  std::string status = "active";  ///< active | deactivated
  int64_t min_disk = 0;           ///< GB
  int64_t min_ram = 0;            ///< MB
  std::set<std::string> tags;
  std::map<std::string, std::string> properties;
  std::set<std::string> members;  ///< project ids, only with visibility shared
  std::optional<ImageSource> source;
  std::optional<Rotation> rotation;
  Lifecycle lifecycle;
  /// `metadata.standards` of its set's document, e.g. {"scs-0102"} (manifest/scs_0102.h).
  std::vector<std::string> standards;
  /// Every reference in `properties`, resolved, in property order (then order in the value).
  /// Filled only when the whole load had no errors; the values keep the `${…}` text as written.
  std::vector<ImageRef> references;

  SourcePos where;  ///< the image entry (its `key:` or first field)
  /// Positions of fields by path: "name", "properties.os_distro", "source.file", …
  FieldPositions field_pos;

  /// Position of `path` if recorded, else of the image entry.
  SourcePos pos(const std::string& path) const;
};

/// An ImageSet document's identity.
struct ImageSetInfo {
  std::string name;
  SourcePos where;
};

/// Everything the loaded manifests ask for.
struct DesiredState {
  std::vector<ImageSetInfo> sets;  ///< in load order; a set may span documents
  std::vector<DesiredImage> images;

  /// True if `set` was loaded (so its labelled images are managed and may be deleted).
  bool has_set(const std::string& set) const;
  /// The image with (set, key), or nullptr.
  const DesiredImage* find(const std::string& set, const std::string& key) const;
};

}  // namespace glancer
