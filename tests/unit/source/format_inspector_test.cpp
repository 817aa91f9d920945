#include "source/format_inspector.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "source/inspecting_source.h"

using namespace glancer;

namespace {

// Tiny crafted headers: a zeroed buffer with fields written at their offsets.
struct Bytes {
  std::string data;
  explicit Bytes(size_t n) : data(n, '\0') {}
  Bytes& text(size_t at, std::string_view s) {
    data.replace(at, s.size(), s);
    return *this;
  }
  Bytes& be(size_t at, uint64_t v, size_t width) {
    for (size_t i = 0; i < width; ++i) data[at + width - 1 - i] = static_cast<char>(v >> (8 * i));
    return *this;
  }
  Bytes& le(size_t at, uint64_t v, size_t width) {
    for (size_t i = 0; i < width; ++i) data[at + i] = static_cast<char>(v >> (8 * i));
    return *this;
  }
};

ImageInspection inspect(const std::string& data) {
  std::string_view all(data);
  return inspect_image(all.substr(0, k_inspect_head_bytes),
                       all.substr(all.size() - std::min(all.size(), k_inspect_tail_bytes)),
                       data.size());
}

std::string qcow2(uint32_t version, std::string backing = "", uint64_t incompatible = 0) {
  Bytes b(4096);
  b.text(0, "QFI\xfb").be(4, version, 4).be(20, 16, 4).be(100, 104, 4);
  if (!backing.empty()) b.be(8, 512, 8).be(16, backing.size(), 4).text(512, backing);
  b.be(72, incompatible, 8);
  return b.data;
}

std::string vmdk_sparse(std::string_view create_type) {
  Bytes b(4096);
  b.text(0, "KDMV").le(4, 1, 4).le(28, 1, 8).le(36, 2, 8);
  b.text(512, std::string("# Disk DescriptorFile\nversion=1\ncreateType=\"") +
                  std::string(create_type) + "\"\nRW 2048 SPARSE \"disk.vmdk\"\n");
  return b.data;
}

std::string vhd_footer(uint32_t disk_type) {
  Bytes b(512);
  b.text(0, "conectix").be(60, disk_type, 4);
  return b.data;
}

std::string vdi(uint32_t type) {
  Bytes b(512);
  b.text(0, "<<< Oracle VM VirtualBox Disk Image >>>\n").le(0x40, 0xbeda107f, 4).le(0x4c, type, 4);
  return b.data;
}

std::string iso() {
  return Bytes(0x9000).text(0x8001, "CD001").data;
}

}  // namespace

TEST_SUITE("source") {
  TEST_CASE("inspect: each format is recognised by its magic") {
    CHECK(inspect(qcow2(3)).format == "qcow2");
    CHECK(inspect(vmdk_sparse("monolithicSparse")).format == "vmdk");
    CHECK(inspect(Bytes(1024).text(0, "vhdxfile").data).format == "vhdx");
    CHECK(inspect(vhd_footer(3) + std::string(2048, 'x') + vhd_footer(3)).format ==
          "vhd");                                                            // dynamic
    CHECK(inspect(std::string(4096, 'x') + vhd_footer(2)).format == "vhd");  // fixed
    CHECK(inspect(vdi(1)).format == "vdi");
    CHECK(inspect(iso()).format == "iso");
    CHECK(inspect(Bytes(1024).text(0, "WithoutFreeSpace").data).format == "ploop");
    CHECK(inspect(std::string(8192, 'x')).format == "raw");
    CHECK(inspect("").format == "raw");
  }

  TEST_CASE("inspect: a clean image of its declared format has no findings") {
    const std::pair<std::string, std::string> cases[] = {
        {qcow2(2), "qcow2"},
        {qcow2(3), "qcow2"},
        {vmdk_sparse("streamOptimized"), "vmdk"},
        {vdi(2), "vdi"},
        {iso(), "iso"},
        {std::string(4096, 'x') + vhd_footer(2), "vhd"},
        {std::string(100, 'x'), "raw"},
        {std::string(100, 'x'), "aki"}};
    for (const auto& c : cases) {
      CAPTURE(c.second);
      CHECK(content_findings(inspect(c.first), c.second, false).empty());
    }
  }

  TEST_CASE("inspect: a raw-declared qcow2 is refused, and so is every other mismatch") {
    CHECK(content_findings(inspect(qcow2(3)), "raw", false) ==
          std::vector<std::string>{"the data is qcow2, but disk_format is raw"});
    CHECK(content_findings(inspect(qcow2(3)), "ami", true) ==
          std::vector<std::string>{"the data is qcow2, but disk_format is ami"});
    CHECK(content_findings(inspect(iso()), "raw", false) ==
          std::vector<std::string>{"the data is iso, but disk_format is raw"});
    CHECK(
        content_findings(inspect(std::string(4096, 'x')), "qcow2", false) ==
        std::vector<std::string>{"the data is not a known image format, but disk_format is qcow2"});
    CHECK(content_findings(inspect(vdi(1)), "vmdk", false) ==
          std::vector<std::string>{"the data is vdi, but disk_format is vmdk"});
  }

  TEST_CASE("inspect: a qcow2 backing file is named and refused unless allowed") {
    auto found = inspect(qcow2(3, "/etc/passwd"));
    CHECK(found.external_files == std::vector<std::string>{"a backing file `/etc/passwd`"});
    CHECK(content_findings(found, "qcow2", false) ==
          std::vector<std::string>{
              "the qcow2 image reads a backing file `/etc/passwd` from the host "
              "that opens it (allow it with `allow_backing_file: true` in `source`)"});
    CHECK(content_findings(found, "qcow2", true).empty());
    // Declared raw: the mismatch stays even when backing files are allowed.
    CHECK(content_findings(found, "raw", true).size() == 1);
    CHECK(content_findings(found, "raw", false).size() == 2);
    // A v2 image too, and a name outside the inspected bytes is still a backing file.
    CHECK(inspect(qcow2(2, "base.qcow2")).external_files.size() == 1);
    std::string far =
        Bytes(200).text(0, "QFI\xfb").be(4, 2, 4).be(8, 1u << 30, 8).be(16, 8, 4).data;
    CHECK(inspect(far).external_files ==
          std::vector<std::string>{"a backing file (its name at offset 1073741824)"});
    // Control bytes in the name are not printed as such.
    CHECK(inspect(qcow2(3, "a\x1b[31mb")).external_files.front() == "a backing file `a?[31mb`");
  }

  TEST_CASE("inspect: a qcow2 external data file and unknown features are refused") {
    auto data_file = inspect(qcow2(3, "", 1u << 2));
    CHECK(data_file.external_files == std::vector<std::string>{"an external data file"});
    CHECK(content_findings(data_file, "qcow2", true).empty());
    CHECK(content_findings(data_file, "qcow2", false).size() == 1);
    // Bit 2 means nothing in a v2 header (it has no feature fields).
    CHECK(inspect(qcow2(2, "", 1u << 2)).external_files.empty());
    auto unknown = inspect(qcow2(3, "", uint64_t{1} << 40));
    CHECK(unknown.malformed ==
          std::vector<std::string>{"qcow2 incompatible features 0x10000000000 are unknown"});
    CHECK(content_findings(unknown, "qcow2", true).size() == 1);  // allowing files does not help
  }

  TEST_CASE("inspect: malformed qcow2 headers are refused") {
    CHECK(inspect(qcow2(1)).malformed == std::vector<std::string>{"qcow2 version 1 is unknown"});
    CHECK(inspect(qcow2(4)).malformed == std::vector<std::string>{"qcow2 version 4 is unknown"});
    CHECK(inspect(std::string("QFI\xfb\0\0\0\3", 8)).malformed ==
          std::vector<std::string>{"its qcow2 header is truncated"});
    CHECK(inspect(qcow2(3).substr(0, 80)).malformed ==
          std::vector<std::string>{"its qcow2 v3 header is truncated"});
  }

  TEST_CASE("inspect: vmdk extent files are refused unless allowed") {
    CHECK(inspect(vmdk_sparse("monolithicSparse")).external_files.empty());
    CHECK(inspect(vmdk_sparse("monolithicFlat")).external_files ==
          std::vector<std::string>{"extent files (vmdk createType `monolithicFlat`)"});
    std::string descriptor =
        "# Disk DescriptorFile\ncreateType=\"vmfs\"\nRW 1 VMFS \"/etc/shadow\"\n";
    CHECK(inspect(descriptor).format == "vmdk");
    CHECK(inspect(descriptor).external_files ==
          std::vector<std::string>{"extent files named by its descriptor (createType `vmfs`)"});
    CHECK(content_findings(inspect(descriptor), "vmdk", true).empty());
    // No descriptor, or one out of reach, or one without createType: the header is not trusted.
    CHECK(inspect(Bytes(512).text(0, "KDMV").data).malformed ==
          std::vector<std::string>{"its vmdk header has no embedded descriptor"});
    CHECK(inspect(Bytes(512).text(0, "KDMV").le(28, 1000, 8).le(36, 1, 8).data).malformed ==
          std::vector<std::string>{"its vmdk descriptor lies beyond the first 64 KiB"});
    CHECK(inspect(Bytes(1024).text(0, "KDMV").le(28, 1, 8).le(36, 1, 8).data).malformed ==
          std::vector<std::string>{"its vmdk descriptor has no createType"});
  }

  TEST_CASE("inspect: vhd and vdi differencing images read a parent") {
    CHECK(inspect(vhd_footer(4) + std::string(1024, '\0') + vhd_footer(4)).external_files ==
          std::vector<std::string>{"a parent disk (a differencing vhd)"});
    CHECK(inspect(vdi(4)).external_files ==
          std::vector<std::string>{"a parent image (a differencing vdi)"});
    CHECK(inspect(vdi(4).substr(0, 0x48)).malformed ==
          std::vector<std::string>{"its vdi header is truncated"});
  }

  TEST_CASE("inspect: a file is read only at its head and tail") {
    auto path = std::filesystem::temp_directory_path() / "glancer-inspect-test.img";
    {
      std::ofstream out(path, std::ios::binary);
      out << std::string(3 << 20, 'x') << vhd_footer(2);  // a fixed vhd past the inspected head
    }
    auto found = inspect_file(path);
    REQUIRE(found);
    CHECK(found->format == "vhd");
    std::filesystem::remove(path);
    auto missing = inspect_file(path);
    REQUIRE_FALSE(missing);
    CHECK(missing.error().code == ErrorCode::io);
  }

  namespace {

  // A ByteSource over a string, in reads of at most `step` bytes.
  class StringSource : public ByteSource {
   public:
    StringSource(std::string data, size_t step) : m_data(std::move(data)), m_step(step) {}
    Result<size_t> read(char* buf, size_t n) override {
      size_t k = std::min({n, m_step, m_data.size() - m_at});
      m_data.copy(buf, k, m_at);
      m_at += k;
      return k;
    }
    std::optional<uint64_t> size() const override { return m_data.size(); }
    size_t consumed() const { return m_at; }

   private:
    std::string m_data;
    size_t m_step;
    size_t m_at = 0;
  };

  // Reads `source` to the end; the error if a read failed.
  Status drain(ByteSource& source) {
    char buf[1000];
    for (;;) {
      GLANCER_TRY(n, source.read(buf, sizeof buf));
      if (n == 0) return {};
    }
  }

  }  // namespace

  TEST_CASE("inspecting source: a refused head stops the stream before its end") {
    StringSource data(qcow2(3, "base.img") + std::string(1 << 20, '\0'), 700);
    InspectingSource checked(data, "qcow2", false, "image `x`: source file x.img");
    auto done = drain(checked);
    REQUIRE_FALSE(done);
    CHECK(done.error().code == ErrorCode::forbidden);
    CHECK(done.error().message.starts_with(
        "image `x`: source file x.img: the qcow2 image reads a backing file `base.img`"));
    CHECK(data.consumed() < 2 * k_inspect_head_bytes);
  }

  TEST_CASE("inspecting source: raw and a fixed vhd are judged at the end") {
    std::string fixed_vhd = std::string(100'000, 'x') + vhd_footer(2);
    StringSource as_raw(fixed_vhd, 333);
    InspectingSource raw(as_raw, "raw", false, "image `r`");
    auto refused = drain(raw);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().message == "image `r`: the data is vhd, but disk_format is raw");

    StringSource as_vhd(fixed_vhd, 333);
    InspectingSource vhd(as_vhd, "vhd", false, "image `v`");
    CHECK(drain(vhd));
    StringSource plain(std::string(10, 'x'), 3);
    InspectingSource small(plain, "raw", false, "image `s`");
    CHECK(drain(small));
  }

  TEST_CASE("inspecting source: a reader that stops at the declared size still gets the verdict") {
    // An HTTP client sending Content-Length bytes never asks for the end of the stream: the
    // read that completes the declared size must carry the verdict, before those bytes go out.
    std::string random(300'000, '\0');
    for (size_t i = 0; i < random.size(); ++i) random[i] = static_cast<char>((i * 7919) >> 3);
    StringSource data(random, 65'536);
    InspectingSource checked(data, "qcow2", false, "image `q`");
    char buf[65'536];
    Status verdict;
    for (uint64_t sent = 0; sent < *checked.size() && verdict;) {
      auto got = checked.read(buf, sizeof buf);
      if (!got)
        verdict = got.error();
      else
        sent += *got;
    }
    REQUIRE_FALSE(verdict);
    CHECK(verdict.error().code == ErrorCode::forbidden);
    CHECK(verdict.error().message ==
          "image `q`: the data is not a known image format, but disk_format is qcow2");
    CHECK(data.consumed() == random.size());

    StringSource clean(random, 65'536);
    InspectingSource as_raw(clean, "raw", false, "image `r`");
    uint64_t sent = 0;
    while (sent < random.size()) {
      auto got = as_raw.read(buf, sizeof buf);
      REQUIRE(got);
      sent += *got;
    }
  }
}
