// glancer update against a fake mirror: whole manifests compared to golden files (comments,
// quoting, flow and block style, several documents), errors located, nothing else touched.

#include "update/updater.h"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "manifest/loader.h"
#include "support/doctest_strings.h"
#include "support/fake_source_probe.h"
#include "support/test_data.h"
#include "update/unified_diff.h"

using namespace glancer;
using namespace glancer::testing;
using Strings = std::vector<std::string>;

namespace {

std::filesystem::path data(const std::string& name) {
  return glancer::testing::test_data_dir() / "update" / name;
}

Result<std::string> read_text(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return fail(ErrorCode::io, "cannot read " + file);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string hex(char c, size_t n) {
  return std::string(n, c);
}

// A mirror with two dated Ubuntu releases (Apache autoindex), a CentOS-style CHECKSUM of
// several builds, two Debian builds (nginx autoindex) and two Cirros releases
// (python http.server).
void fill_mirror(FakeSourceProbe& m) {
  m.add_text("https://mirror.example/ubuntu/",
             "<html><body><table><tr><th><a href=\"?C=N;O=D\">Name</a></th></tr>"
             "<tr><td><a href=\"/\">Parent Directory</a></td></tr>"
             "<tr><td><a href=\"release-20240101/\">release-20240101/</a></td></tr>"
             "<tr><td><a href=\"release-20240201/\">release-20240201/</a></td></tr>"
             "</table></body></html>\n");
  m.add_text("https://mirror.example/ubuntu/release-20240201/SHA256SUMS",
             hex('a', 64) + " *focal.img\n" + hex('b', 64) + " *jammy.img\n");
  m.add_text(
      "https://mirror.example/centos/CHECKSUM",
      "# CentOS-Stream-GenericCloud-9-20240201.0.x86_64.qcow2: 100 bytes\n"
      "SHA256 (CentOS-Stream-GenericCloud-9-20240108.0.x86_64.qcow2) = " +
          hex('1', 64) +
          "\nSHA256 (CentOS-Stream-GenericCloud-9-20240201.0.x86_64.qcow2) = " + hex('c', 64) +
          "\nSHA256 (CentOS-Stream-GenericCloud-9-20240115.1.x86_64.qcow2) = " + hex('2', 64) +
          "\nSHA256 (CentOS-Stream-GenericCloud-9-latest.x86_64.qcow2) = " + hex('c', 64) + "\n");
  m.add_text("https://mirror.example/debian/",
             "<html><body><pre><a href=\"../\">../</a>\n"
             "<a href=\"20240101-1000/\">20240101-1000/</a>\n"
             "<a href=\"20240201-1234/\">20240201-1234/</a>\n</pre></body></html>\n");
  m.add_text("https://mirror.example/debian/20240201-1234/SHA512SUMS",
             hex('d', 128) + "  debian-12.qcow2\n" + hex('e', 128) + "  debian-11.qcow2\n");
  m.add_text("https://mirror.example/cirros/",
             "<ul>\n<li><a href=\"0.6.1/\">0.6.1/</a></li>\n<li><a href=\"0.6.2/\">0.6.2/</a></li>"
             "\n</ul>\n");
  m.add_text("https://mirror.example/cirros/0.6.2/MD5SUMS", hex('f', 32) + "  cirros.img\n");
}

struct Run {
  UpdateResult result;
  Diagnostics diags;
};

Run update(const std::string& name, FakeSourceProbe& mirror, const std::string& target = {}) {
  Run run;
  DesiredState state = load_manifests({data(name)}, run.diags);
  REQUIRE_MESSAGE(!run.diags.has_errors(), run.diags.sorted().front().to_string());
  run.result = find_updates(state, mirror, read_text, target);
  return run;
}

Strings errors(const UpdateResult& r) {
  Strings out;
  for (const Error& e : r.errors) out.push_back(e.where.to_string() + ": " + e.message);
  return out;
}

}  // namespace

TEST_SUITE("update") {
  TEST_CASE("block style: exactly the pins change, comments and quoting kept") {
    FakeSourceProbe mirror;
    fill_mirror(mirror);
    Run run = update("block.yaml", mirror);
    CHECK(errors(run.result) == Strings{});
    CHECK(run.result.tracked == 2);
    REQUIRE(run.result.files.size() == 1);
    CHECK(run.result.files[0].after == *read_text(data("block.golden.yaml").string()));
    REQUIRE(run.result.updates.size() == 2);
    const PinUpdate& u = run.result.updates[0];
    CHECK(u.set + "/" + u.key == "public/ubuntu-20.04");
    CHECK(u.line == 12);
    CHECK(u.from_version == "20240101");
    CHECK(u.pin.version == "20240201");
    CHECK(u.pin.url == "https://mirror.example/ubuntu/release-20240201/focal.img");
    CHECK(u.pin.checksum.to_string() == "sha256:" + hex('a', 64));
    const PinUpdate& c = run.result.updates[1];
    CHECK(c.from_version == "");
    CHECK(c.pin.version == "9-20240201.0");
    // Each index and checksum file is asked once; the floating Cirros is not asked at all.
    CHECK(mirror.fetched == Strings{"https://mirror.example/ubuntu/",
                                    "https://mirror.example/ubuntu/release-20240201/SHA256SUMS",
                                    "https://mirror.example/centos/CHECKSUM"});
  }

  TEST_CASE("flow style and several documents; an already newest image is left alone") {
    FakeSourceProbe mirror;
    fill_mirror(mirror);
    Run run = update("flow.yaml", mirror);
    CHECK(errors(run.result) == Strings{});
    REQUIRE(run.result.files.size() == 1);
    CHECK(run.result.files[0].after == *read_text(data("flow.golden.yaml").string()));
    CHECK(run.result.updates.size() == 3);
  }

  TEST_CASE("the golden files are fixed points: a second update changes nothing") {
    FakeSourceProbe mirror;
    fill_mirror(mirror);
    for (const char* golden : {"block.golden.yaml", "flow.golden.yaml"}) {
      Run run = update(golden, mirror);
      CHECK(errors(run.result) == Strings{});
      CHECK(run.result.updates.empty());
      CHECK(run.result.files.empty());
    }
  }

  TEST_CASE("a shared pin is a located error; the others are updated") {
    FakeSourceProbe mirror;
    fill_mirror(mirror);
    Run run = update("shared.yaml", mirror);
    const std::string f = data("shared.yaml").string();
    CHECK(
        errors(run.result) ==
        Strings{
            f + ":8:12: cannot pin shared/Ubuntu A: the value is shared, defined at " + f + ":7",
            f + ":8:12: cannot pin shared/Ubuntu B: the value is shared, defined at " + f + ":7",
            f + ":20:12: cannot pin shared/Cirros: the value is shared, defined at " + f + ":21"});
    CHECK(run.result.files.empty());
  }

  TEST_CASE("an unreachable index and a missing checksum entry are located; others update") {
    FakeSourceProbe mirror;
    fill_mirror(mirror);
    mirror.fail_url(
        "https://mirror.example/ubuntu/",
        Error{ErrorCode::transport, "https://mirror.example/ubuntu/: connection refused", {}});
    mirror.add_text("https://mirror.example/debian/20240201-1234/SHA512SUMS",
                    hex('d', 128) + "  debian-12.qcow2\n");
    Run run = update("flow.yaml", mirror);
    const std::string f = data("flow.yaml").string();
    CHECK(errors(run.result) ==
          Strings{f + ":7:85: https://mirror.example/ubuntu/: connection refused",
                  f + ":24:9: https://mirror.example/debian/20240201-1234/SHA512SUMS: the checksum "
                      "file has no entry for `debian-11.qcow2` (it lists 1 file)"});
    REQUIRE(run.result.updates.size() == 1);
    CHECK(run.result.updates[0].key == "Debian 12");
  }

  TEST_CASE("--target picks one image") {
    FakeSourceProbe mirror;
    fill_mirror(mirror);
    Run run = update("block.yaml", mirror, "public/CentOS Stream 9");
    CHECK(run.result.tracked == 1);
    REQUIRE(run.result.updates.size() == 1);
    CHECK(run.result.updates[0].key == "CentOS Stream 9");
  }

  TEST_CASE("unified diff: hunks with context, as diff -u writes them") {
    std::string before = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n";
    std::string after = "a\nb\nc\nD\ne\nf\ng\nh\ni\nj\nk";
    CHECK(unified_diff(before, after, "m.yaml", 1) ==
          "--- a/m.yaml\n+++ b/m.yaml\n@@ -3,3 +3,3 @@\n c\n-d\n+D\n e\n@@ -10,1 +10,2 @@\n j\n+k\n"
          "\\ No newline at end of file\n");
    CHECK(unified_diff(before, before, "m.yaml") == "");
    CHECK(unified_diff("a\n", "b\n", "/abs/m.yaml") ==
          "--- /abs/m.yaml\n+++ /abs/m.yaml\n@@ -1,1 +1,1 @@\n-a\n+b\n");
    CHECK(unified_diff("", "x\n", "n.yaml") == "--- a/n.yaml\n+++ b/n.yaml\n@@ -0,0 +1,1 @@\n+x\n");
  }
}
