#include "source/format_inspector.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

namespace glancer {

namespace {

// Header fields, read only when the caller checked that `at + width` lies inside `s`.
uint64_t read_be(std::string_view s, size_t at, size_t width) {
  uint64_t v = 0;
  for (size_t i = 0; i < width; ++i) v = (v << 8) | static_cast<unsigned char>(s[at + i]);
  return v;
}
uint64_t read_le(std::string_view s, size_t at, size_t width) {
  uint64_t v = 0;
  for (size_t i = width; i-- > 0;) v = (v << 8) | static_cast<unsigned char>(s[at + i]);
  return v;
}

bool has_at(std::string_view s, size_t at, std::string_view magic) {
  return s.size() >= at + magic.size() && s.substr(at, magic.size()) == magic;
}

// A name from a header, safe to print: at most 200 bytes, control bytes and non-ASCII as '?'.
std::string printable(std::string_view s) {
  std::string out(s.substr(0, 200));
  for (char& c : out)
    if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7f) c = '?';
  return s.size() > 200 ? out + "…" : out;
}

std::string hex(uint64_t v) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "0x%llx", static_cast<unsigned long long>(v));
  return buf;
}

// qcow2 (QEMU's docs/interop/qcow2.txt): big-endian header; v2 is 72 bytes, v3 at least 104.
void inspect_qcow2(std::string_view head, ImageInspection& out) {
  constexpr size_t k_v2_header = 72, k_v3_header = 104, k_max_backing_name = 1023;
  if (head.size() < k_v2_header) {
    out.malformed.push_back("its qcow2 header is truncated");
    return;
  }
  uint64_t version = read_be(head, 4, 4);
  if (version != 2 && version != 3) {
    out.malformed.push_back("qcow2 version " + std::to_string(version) + " is unknown");
    return;
  }
  uint64_t backing_offset = read_be(head, 8, 8);
  uint64_t backing_size = read_be(head, 16, 4);
  if (backing_offset != 0) {
    if (backing_size <= k_max_backing_name && backing_offset <= head.size() &&
        backing_size <= head.size() - backing_offset)
      out.external_files.push_back("a backing file `" +
                                   printable(head.substr(backing_offset, backing_size)) + "`");
    else
      out.external_files.push_back("a backing file (its name at offset " +
                                   std::to_string(backing_offset) + ")");
  }
  if (version == 3) {
    if (head.size() < k_v3_header) {
      out.malformed.push_back("its qcow2 v3 header is truncated");
      return;
    }
    // Incompatible features: 0 dirty, 1 corrupt, 2 external data file, 3 compression type,
    // 4 extended L2 entries; any other bit is a feature this check does not understand.
    uint64_t incompatible = read_be(head, 72, 8);
    if (incompatible & (uint64_t{1} << 2)) out.external_files.push_back("an external data file");
    if (uint64_t unknown = incompatible & ~uint64_t{0x1f})
      out.malformed.push_back("qcow2 incompatible features " + hex(unknown) + " are unknown");
  }
}

// The value of `key="…"` (or key=…) in a vmdk descriptor; empty if absent.
std::string descriptor_value(std::string_view text, std::string_view key) {
  size_t at = 0;
  while ((at = text.find(key, at)) != std::string_view::npos) {
    bool line_start = at == 0 || text[at - 1] == '\n';
    size_t p = at + key.size();
    at = p;
    if (!line_start) continue;
    while (p < text.size() && text[p] == ' ') ++p;
    if (p >= text.size() || text[p] != '=') continue;
    ++p;
    while (p < text.size() && text[p] == ' ') ++p;
    if (p < text.size() && text[p] == '"') ++p;
    size_t end = p;
    while (end < text.size() && text[end] != '"' && text[end] != '\n' && text[end] != '\r') ++end;
    return std::string(text.substr(p, end - p));
  }
  return {};
}

// vmdk: a sparse file ("KDMV", descriptor embedded) or a descriptor text naming extent files.
// Only the two single-file create types keep all data inside the image.
void inspect_vmdk(std::string_view head, ImageInspection& out) {
  if (!has_at(head, 0, "KDMV")) {
    std::string type = descriptor_value(head, "createType");
    out.external_files.push_back("extent files named by its descriptor (createType `" +
                                 printable(type) + "`)");
    return;
  }
  constexpr size_t k_sector = 512;
  if (head.size() < 44) {
    out.malformed.push_back("its vmdk header is truncated");
    return;
  }
  uint64_t offset = read_le(head, 28, 8), sectors = read_le(head, 36, 8);
  if (offset == 0 || sectors == 0) {
    out.malformed.push_back("its vmdk header has no embedded descriptor");
    return;
  }
  if (offset >= head.size() / k_sector) {
    out.malformed.push_back("its vmdk descriptor lies beyond the first " +
                            std::to_string(k_inspect_head_bytes / 1024) + " KiB");
    return;
  }
  std::string_view text = head.substr(offset * k_sector);
  text = text.substr(0, std::min<uint64_t>(text.size(), sectors * k_sector));
  text = text.substr(0, text.find('\0'));
  std::string type = descriptor_value(text, "createType");
  if (type.empty())
    out.malformed.push_back("its vmdk descriptor has no createType");
  else if (type != "monolithicSparse" && type != "streamOptimized")
    out.external_files.push_back("extent files (vmdk createType `" + printable(type) + "`)");
}

// vhd footer (Microsoft VHD spec): big-endian; disk type at 60: 2 fixed, 3 dynamic, 4 differencing.
void inspect_vhd_footer(std::string_view footer, ImageInspection& out) {
  if (footer.size() < 64) {
    out.malformed.push_back("its vhd footer is truncated");
    return;
  }
  if (read_be(footer, 60, 4) == 4)
    out.external_files.push_back("a parent disk (a differencing vhd)");
}

// vdi (VirtualBox): little-endian; image type at 0x4c: 1 dynamic, 2 fixed, 3 undo, 4 differencing.
void inspect_vdi(std::string_view head, ImageInspection& out) {
  if (head.size() < 0x50) {
    out.malformed.push_back("its vdi header is truncated");
    return;
  }
  uint64_t type = read_le(head, 0x4c, 4);
  if (type == 3 || type == 4) out.external_files.push_back("a parent image (a differencing vdi)");
}

constexpr uint32_t k_vdi_signature = 0xbeda107f;

}  // namespace

ImageInspection inspect_image(std::string_view head, std::string_view tail, uint64_t size) {
  ImageInspection out;
  out.size = size;
  if (has_at(head, 0, "QFI\xfb")) {
    out.format = "qcow2";
    inspect_qcow2(head, out);
    if (head.size() >= 32) out.virtual_size = read_be(head, 24, 8);  // the header's `size`
  } else if (has_at(head, 0, "vhdxfile")) {
    out.format = "vhdx";
  } else if (has_at(head, 0, "KDMV") || has_at(head, 0, "# Disk DescriptorFile")) {
    out.format = "vmdk";
    inspect_vmdk(head, out);
  } else if (head.size() >= 0x44 && read_le(head, 0x40, 4) == k_vdi_signature) {
    out.format = "vdi";
    inspect_vdi(head, out);
  } else if (has_at(head, 0, "WithoutFreeSpace") || has_at(head, 0, "WithouFreSpacExt")) {
    out.format = "ploop";
  } else if (has_at(head, 0, "conectix")) {  // a dynamic vhd's copy of its footer
    out.format = "vhd";
    inspect_vhd_footer(head.substr(0, k_inspect_tail_bytes), out);
  } else if (size >= k_inspect_tail_bytes && tail.size() == k_inspect_tail_bytes &&
             has_at(tail, 0, "conectix")) {  // a fixed vhd: raw data then the footer
    out.format = "vhd";
    inspect_vhd_footer(tail, out);
  } else if (has_at(head, 0x8001, "CD001")) {
    out.format = "iso";
  } else {
    out.format = "raw";
    out.virtual_size = size;
  }
  return out;
}

bool format_known_from_head(const std::string& format) {
  return format != "raw" && format != "iso" && format != "vhd";
}

Result<ImageInspection> inspect_file(const std::filesystem::path& path) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"),
                                                       &std::fclose);
  auto io_error = [&](const char* what) {
    return fail(ErrorCode::io,
                std::string("cannot ") + what + " " + path.string() + ": " + std::strerror(errno));
  };
  if (!file) return io_error("open");
  std::string head(k_inspect_head_bytes, '\0');
  head.resize(std::fread(head.data(), 1, head.size(), file.get()));
  if (std::ferror(file.get())) return io_error("read");
  if (std::fseek(file.get(), 0, SEEK_END) != 0) return io_error("seek in");
  long end = std::ftell(file.get());
  if (end < 0) return io_error("seek in");
  uint64_t size = static_cast<uint64_t>(end);
  std::string tail;
  if (size <= head.size()) {
    tail = head.substr(head.size() - std::min(head.size(), k_inspect_tail_bytes));
  } else {
    tail.resize(k_inspect_tail_bytes);
    if (std::fseek(file.get(), -static_cast<long>(k_inspect_tail_bytes), SEEK_END) != 0)
      return io_error("seek in");
    tail.resize(std::fread(tail.data(), 1, tail.size(), file.get()));
    if (std::ferror(file.get())) return io_error("read");
  }
  return inspect_image(head, tail, size);
}

std::vector<std::string> content_findings(const ImageInspection& inspection,
                                          const std::string& disk_format,
                                          bool allow_external_files) {
  // Declared formats with no magic of their own must not carry one of a known format.
  constexpr std::array<std::string_view, 4> k_plain{"raw", "ami", "ari", "aki"};
  constexpr std::array<std::string_view, 7> k_checked{"qcow2", "vmdk", "vhd",  "vhdx",
                                                      "vdi",   "iso",  "ploop"};
  std::vector<std::string> findings;
  bool plain = std::find(k_plain.begin(), k_plain.end(), disk_format) != k_plain.end();
  bool checked = std::find(k_checked.begin(), k_checked.end(), disk_format) != k_checked.end();
  const std::string& found = inspection.format;
  if ((plain && found != "raw") || (checked && found != disk_format))
    findings.push_back("the data is " +
                       (found == "raw" ? std::string("not a known image format") : found) +
                       ", but disk_format is " + disk_format);
  for (const std::string& m : inspection.malformed) findings.push_back(m);
  if (!allow_external_files)
    for (const std::string& e : inspection.external_files)
      findings.push_back("the " + found + " image reads " + e +
                         " from the host that opens it (allow it with `allow_backing_file: true` "
                         "in `source`)");
  return findings;
}

}  // namespace glancer
