#pragma once
/// Image content checks before upload: what the header bytes of an image say its format is, and
/// whether it would make a hypervisor or converter read other files (a qcow2 backing file or
/// external data file, vmdk extent files, vhd/vdi parent disks: the class of CVE-2024-32498).
/// Only the first k_inspect_head_bytes and the last k_inspect_tail_bytes are ever read.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace glancer {

/// Leading bytes the inspector looks at: enough for the ISO 9660 volume descriptor at 0x8001,
/// a vmdk's embedded descriptor and a qcow2 backing file name.
inline constexpr size_t k_inspect_head_bytes = 64 * 1024;
/// Trailing bytes the inspector looks at: a fixed vhd's footer.
inline constexpr size_t k_inspect_tail_bytes = 512;

/// What an image's bytes say about it.
struct ImageInspection {
  /// qcow2 vmdk vhd vhdx vdi iso ploop, or raw when no known magic matched.
  std::string format;
  /// Each reason the image reads another file, e.g. "a backing file `base.qcow2`".
  std::vector<std::string> external_files;
  /// Each reason the header cannot be trusted, e.g. "qcow2 version 7 is unknown".
  std::vector<std::string> malformed;
  /// The data's size in bytes.
  uint64_t size = 0;
  /// The disk a VM sees, in bytes, where the format says it (qcow2's header; raw: its size).
  std::optional<uint64_t> virtual_size;
};

/// Inspects an image from its first min(size, k_inspect_head_bytes) bytes `head` and its last
/// min(size, k_inspect_tail_bytes) bytes `tail`. Total: never reads outside the two views.
ImageInspection inspect_image(std::string_view head, std::string_view tail, uint64_t size);

/// True if `format` is recognised from `head` alone (its magic is in the first bytes), so a
/// stream can be judged before its end; false for raw, iso and a fixed vhd (footer at the end).
bool format_known_from_head(const std::string& format);

/// Reads only the head and tail of `path` and inspects them; io error naming the path.
Result<ImageInspection> inspect_file(const std::filesystem::path& path);

/// Why `inspection` must not be uploaded as `disk_format`, one sentence per finding; empty
/// when it may. The data must be of the declared format (ami, ari, aki and raw: of no known
/// format; a raw-declared qcow2 is the dangerous case); a malformed header is refused; external
/// files are refused unless `allow_external_files` (the manifest's source.allow_backing_file).
std::vector<std::string> content_findings(const ImageInspection& inspection,
                                          const std::string& disk_format,
                                          bool allow_external_files);

}  // namespace glancer
