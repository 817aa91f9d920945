// apply_standards: scs-0102's image_build_date (its precedence, never after now) and min_disk
// against the size and virtual size, read through the fake probe.
#include "plan/standards.h"

#include <doctest/doctest.h>

#include "manifest/loader.h"
#include "support/doctest_strings.h"
#include "support/fake_source_probe.h"
#include "support/test_data.h"

namespace glancer {

namespace {

using std::chrono::hours;
using std::chrono::sys_days;
using namespace std::chrono_literals;

const std::filesystem::path k_data = glancer::testing::test_data_dir() / "manifest";
const auto k_now = sys_days{2026y / 12 / 3} + hours(8);
constexpr int64_t k_gib = int64_t{1} << 30;

// One scs-0102 image named `key` with `source` (a flow mapping) and min_disk 2.
std::string image(const std::string& key, const std::string& source,
                  const std::string& extra = "") {
  return "  - {key: " + key + ", name: " + key + ", min_disk: 2, source: " + source + extra + "}\n";
}

DesiredState load(const std::string& images) {
  const std::string yaml =
      "apiVersion: glancer/v1\nkind: ImageSet\nmetadata: {name: s, standards: [scs-0102]}\n"
      "defaults:\n  min_ram: 512\n  properties: {architecture: x86_64, os_distro: d, "
      "os_version: '1', hw_disk_bus: scsi, replace_frequency: monthly, provided_until: none, "
      "image_description: d, image_original_user: u}\nimages:\n" +
      images;
  Diagnostics diags;
  DesiredState state = load_manifest_text(yaml, "m.yaml", k_data, diags);
  REQUIRE_MESSAGE(!diags.has_errors(), diags.to_error().message);
  return state;
}

std::string build_date(const DesiredState& s, size_t i) {
  auto it = s.images.at(i).properties.find("image_build_date");
  return it == s.images.at(i).properties.end() ? "(none)" : it->second;
}

}  // namespace

TEST_SUITE("planner") {
  TEST_CASE("scs-0102 build date: the version's date, else Last-Modified, else the file's mtime") {
    testing::FakeSourceProbe probe;
    probe.add_head("https://m.test/a", {k_gib, sys_days{2025y / 1 / 2} + hours(3)});
    probe.add_head("https://m.test/b", {k_gib, sys_days{2025y / 3 / 4} + 5min});
    const auto file = (k_data / "images/cirros.img").lexically_normal();
    probe.add_file(file, {"x", sys_days{2024y / 6 / 7} + hours(8), {"raw", {}, {}, 100, 100}});
    DesiredState s = load(
        image("a", "{url: 'https://m.test/a', version: '20240201'}") +
        image("b", "{url: 'https://m.test/b', version: '0.3.6'}") +
        image("c", "{file: images/cirros.img, version: v1}") +
        image("d", "{url: 'https://m.test/a'}", ", properties: {image_build_date: '2020-01-01'}"));
    auto failures = apply_standards(s, probe, k_now, {});
    CHECK(failures.empty());
    CHECK(build_date(s, 0) == "2024-02-01 00:00");
    CHECK(build_date(s, 1) == "2025-03-04 00:05");
    CHECK(build_date(s, 2) == "2024-06-07 08:00");
    CHECK(build_date(s, 3) == "2020-01-01");  // the manifest's own wins
    CHECK(probe.probed ==
          std::vector<std::string>{"https://m.test/a", "https://m.test/b"});  // each URL once
  }

  TEST_CASE("scs-0102 build date: never later than the image is made, the same all day") {
    testing::FakeSourceProbe probe;
    probe.add_head("https://m.test/a", {k_gib, std::nullopt});
    probe.add_head("https://m.test/b", {k_gib, k_now + 930min});  // 23:30: a clock ahead
    for (std::chrono::minutes later : {0min, 3min, 900min}) {     // 08:00, 08:03, 23:00
      DesiredState s = load(image("a", "{url: 'https://m.test/a', version: '20261204'}") +
                            image("b", "{url: 'https://m.test/b'}"));
      CHECK(apply_standards(s, probe, k_now + later, {}).empty());
      CHECK(build_date(s, 0) == "2026-12-03 00:00");
      CHECK(build_date(s, 1) == "2026-12-03 00:00");
    }
    DesiredState s = load(image("a", "{url: 'https://m.test/a', version: '20261204'}"));
    CHECK(apply_standards(s, probe, k_now + hours(24), {}).empty());
    CHECK(build_date(s, 0) == "2026-12-04 00:00");  // no longer in the future: the version's own
  }

  TEST_CASE("scs-0102 build date: none to be had is an error naming the rule") {
    testing::FakeSourceProbe probe;
    probe.add_head("https://m.test/a", {k_gib, std::nullopt});
    DesiredState s = load(image("a", "{url: 'https://m.test/a', version: 'v2'}"));
    auto failures = apply_standards(s, probe, k_now, {});
    REQUIRE(failures.size() == 1);
    CHECK(failures[0].error.message ==
          "image `a`: scs-0102-prop-image_build_date: neither `source.version` (not a date) nor "
          "the mirror's Last-Modified gives a build date; set the property `image_build_date`");
    CHECK(failures[0].error.where.to_string() == "m.yaml:8:45");
  }

  TEST_CASE("scs-0102 min_disk: below the virtual size or the size is an error naming both") {
    testing::FakeSourceProbe probe;
    const auto file = (k_data / "images/cirros.img").lexically_normal();
    const uint64_t virt = 3 * k_gib;
    probe.add_file(file, {"x", std::nullopt, {"qcow2", {}, {}, 1 << 20, virt}});
    probe.add_head("https://m.test/big", {3 * k_gib, std::nullopt});
    probe.add_head("https://m.test/ok", {k_gib, std::nullopt});
    DesiredState s = load(image("f", "{file: images/cirros.img, version: '20240101'}") +
                          image("u", "{url: 'https://m.test/big', version: '20240101'}") +
                          image("ok", "{url: 'https://m.test/ok', version: '20240101'}"));
    auto failures = apply_standards(s, probe, k_now, {});
    REQUIRE(failures.size() == 2);
    CHECK(failures[0].error.message ==
          "image `f`: scs-0102-prop-min_disk: min_disk 2 GiB is smaller than the image's virtual "
          "size 3.00 GiB (3221225472 bytes) (size 0.00 GiB (1048576 bytes)): a boot from a disk "
          "of min_disk fails");
    CHECK(failures[0].error.where.to_string() == "m.yaml:8:23");
    CHECK(failures[1].image == 1);
    CHECK(failures[1].error.message ==
          "image `u`: scs-0102-prop-min_disk: min_disk 2 GiB is smaller than the image's size "
          "3.00 GiB (3221225472 bytes)");
  }

  TEST_CASE("scs-0102: images that failed earlier or follow no standard are left alone") {
    testing::FakeSourceProbe probe;
    DesiredState s = load(image("a", "{url: 'https://m.test/a', version: '20240201'}"));
    CHECK(apply_standards(s, probe, k_now, {0}).empty());
    CHECK(build_date(s, 0) == "(none)");
    s.images[0].standards.clear();
    CHECK(apply_standards(s, probe, k_now, {}).empty());
    CHECK(probe.probed.empty());
  }
}

}  // namespace glancer
