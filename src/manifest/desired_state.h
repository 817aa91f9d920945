#pragma once
/// The desired state read from manifests: plain values with the source positions of each field.

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
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
  std::string method = "upload";   ///< upload | web-download
  std::string version;             ///< release label, optional
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
  std::vector<std::string> ignore_changes;  ///< attribute paths, e.g. "properties.hw_qemu_guest_agent"
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
  /// Every reference in `properties`, resolved, in property order (then order in the value).
  /// Filled only when the whole load had no errors; the values keep the `${…}` text as written.
  std::vector<ImageRef> references;

  SourcePos where;  ///< the image entry (its `key:` or first field)
  /// Positions of fields by path: "name", "properties.os_distro", "source.file", …
  std::map<std::string, SourcePos> field_pos;

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
