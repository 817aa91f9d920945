#pragma once
/// Ownership labels: custom properties glancer writes on every image it creates. glancer keeps
/// no state file; these labels are how live images are matched to manifest entries.

namespace glancer::labels {

/// The ImageSet (metadata.name) that owns the image.
inline constexpr const char* k_set = "glancer.set";
/// The image's stable key inside its set.
inline constexpr const char* k_key = "glancer.key";
/// The digest of the source the image was made from, "sha256:<hex>".
inline constexpr const char* k_digest = "glancer.digest";
/// Present while an image is being created and not yet verified; its value is the creation
/// time. Such an image is private and hidden; a later plan deletes it if the apply died.
inline constexpr const char* k_pending = "glancer.pending";
/// The release an image holds: the source's `version`, else the source file's modification time.
inline constexpr const char* k_version = "glancer.version";
/// On an image superseded by a rotation: when it was superseded (UTC). Such an image is a kept
/// previous version, renamed "<name> (<version>)" and hidden, not the current image of its key.
inline constexpr const char* k_previous = "glancer.previous";
/// Prefix of every glancer label; users cannot set these in manifests.
inline constexpr const char* k_prefix = "glancer.";

}  // namespace glancer::labels
