// resolve_sources and prepare_sources on their own: which questions reach the probe, and where
// their errors point.
#include "plan/source_resolver.h"

#include <doctest/doctest.h>

#include "plan/plan_inputs.h"
#include "planner_fixture.h"
#include "support/doctest_strings.h"

namespace glancer::plan_test {

namespace {

DesiredState loaded(PlannerFixture& f) {
  PlanDiagnostics diags;
  auto desired = load_desired({f.manifests().string()}, diags);
  REQUIRE_MESSAGE(desired.ok(), error_of(desired));
  return std::move(desired).value();
}

}  // namespace

TEST_SUITE("planner") {
  TEST_CASE("resolve_sources: a file that cannot be digested is an error at its source.file") {
    PlannerFixture f;
    f.write_manifest(
        manifest("  - key: base\n"
                 "    name: Base\n"
                 "    source:\n"
                 "      file: base.qcow2\n"));
    testing::write_file(f.manifests() / "base.qcow2", "on disk, unknown to the probe");
    DesiredState desired = loaded(f);
    auto failures = resolve_sources(desired, f.probe);
    REQUIRE(failures.size() == 1);
    CHECK(failures[0].image == 0);
    CHECK(failures[0].error.code == ErrorCode::io);
    CHECK(failures[0].error.message == "image `base`: cannot open " +
                                           (f.manifests() / "base.qcow2").string() +
                                           ": no such file");
    CHECK(failures[0].error.where.line == 9);
    CHECK_FALSE(desired.images[0].source->checksum);  // keeps what the manifest says
  }

  TEST_CASE(
      "resolve_sources: every failing source is reported, each at its field; the others "
      "are resolved") {
    PlannerFixture f;
    const std::string sums = "https://mirror.example/SHA256SUMS";
    f.write_manifest(manifest(
        "  - {key: a, name: A, source: {url: \"https://mirror.example/a.img\", checksum_url: \"" +
        sums +
        "\"}}\n"
        "  - {key: b, name: B, source: {url: \"https://mirror.example/b.img\", checksum_url: \"" +
        sums +
        "\"}}\n"
        "  - {key: c, name: C, source: {file: c.qcow2}}\n"
        "  - {key: d, name: D, source: {url: \"https://down.example/d.img\"}}\n"
        "  - {key: e, name: E, source: {file: e.qcow2}}\n"));
    f.probe.fail_url(sums, fail(ErrorCode::transport, sums + ": connection refused"));
    f.probe.fail_url("https://down.example/d.img",
                     fail(ErrorCode::timeout, "https://down.example/d.img: timed out"));
    f.add_file("c.qcow2", "c data");
    testing::write_file(f.manifests() / "e.qcow2", "on disk, unknown to the probe");
    DesiredState desired = loaded(f);

    auto failures = resolve_sources(desired, f.probe);
    std::vector<std::string> located;
    for (const SourceFailure& s : failures)
      located.push_back(std::to_string(s.image) + " " + std::to_string(s.error.where.line) + ":" +
                        std::to_string(s.error.where.column) + " " + s.error.message);
    const std::string e_file = (f.manifests() / "e.qcow2").string();
    CHECK(located ==
          std::vector<std::string>{"0 6:69 image `a`: " + sums + ": connection refused",
                                   "1 7:69 image `b`: " + sums + ": connection refused",
                                   "3 9:32 image `d`: https://down.example/d.img: timed out",
                                   "4 10:32 image `e`: cannot open " + e_file + ": no such file"});
    CHECK(failures[0].error.where.file == (f.manifests() / "m.yaml").string());
    // The failed checksum file is asked once for both images that use it.
    CHECK(f.probe.fetched == std::vector<std::string>{sums});
    CHECK(desired.images[2].source->checksum == testing::FakeSourceProbe::digest_of("c data"));
  }

  TEST_CASE("resolve_sources: only the selected images are resolved") {
    PlannerFixture f;
    f.write_manifest(
        manifest("  - {key: a, name: A, source: {file: a.qcow2}}\n"
                 "  - {key: b, name: B, source: {url: \"https://mirror.example/b.img\"}}\n"));
    f.add_file("a.qcow2", "a data");
    DesiredState desired = loaded(f);
    auto failures = resolve_sources(desired, f.probe, std::set<std::string>{"demo/a"});
    CHECK(failures.empty());
    CHECK(f.probe.probed.empty());
    CHECK(f.probe.digested.size() == 1);
  }

  TEST_CASE("resolve_sources: a URL without any digest is labelled by its Last-Modified") {
    PlannerFixture f;
    f.write_manifest(manifest(
        "  - {key: a, name: A, source: {url: \"https://mirror.example/a.img\"}}\n"
        "  - {key: b, name: B, source: {url: \"https://mirror.example/b.img\", version: v2}}\n"
        "  - {key: c, name: C, source: {url: \"https://mirror.example/c.img\", checksum: "
        "\"sha256:" +
        std::string(64, 'c') + "\", version: v3}}\n"));
    UrlInfo info;
    info.last_modified = std::chrono::sys_days{std::chrono::year{2025} / 6 / 30};
    f.probe.add_head("https://mirror.example/a.img", info);
    f.probe.add_head("https://mirror.example/b.img", info);
    DesiredState desired = loaded(f);
    auto failures = resolve_sources(desired, f.probe);
    CHECK(failures.empty());
    // b has a version but no digest: the mirror is still asked (the URL must answer); c has
    // both, so it is not asked at all.
    CHECK(f.probe.probed ==
          std::vector<std::string>{"https://mirror.example/a.img", "https://mirror.example/b.img"});
    CHECK(f.probe.fetched.empty());
    CHECK(desired.images[0].source->version == "2025-06-30 00:00");
    CHECK(desired.images[1].source->version == "v2");
    CHECK(desired.images[2].source->version == "v3");
  }

  TEST_CASE("prepare_sources: content problems are collected before any digest is read") {
    PlannerFixture f;
    f.write_manifest(
        manifest("  - {key: a, name: A, disk_format: raw, source: {file: a.img}}\n"
                 "  - {key: b, name: B, disk_format: vmdk, source: {file: b.img}}\n"
                 "  - {key: c, name: C, source: {file: a.img}}\n"));
    f.add_file("a.img", "a", "qcow2");
    f.add_file("b.img", "b", "qcow2");
    DesiredState desired = loaded(f);
    PlanDiagnostics diags;
    auto prepared = prepare_sources(desired, f.probe, diags);
    REQUIRE_FALSE(prepared.ok());
    CHECK(prepared.error().message == "the image files have 2 errors");
    CHECK(diags.contents.size() == 2);
    CHECK(f.probe.inspected.size() == 2);  // a.img once for a and c
    CHECK(f.probe.digested.empty());
  }

  TEST_CASE("diagnostics_status: counts errors, not warnings") {
    Diagnostics diags;
    CHECK(diagnostics_status(diags, k_manifest_errors).ok());
    diags.warning(SourcePos{"m.yaml", 1, 1}, "a warning");
    CHECK(diagnostics_status(diags, k_manifest_errors).ok());
    diags.error(SourcePos{"m.yaml", 2, 1}, "an error");
    auto one = diagnostics_status(diags, k_manifest_errors);
    REQUIRE_FALSE(one.ok());
    CHECK(one.error().code == ErrorCode::invalid_manifest);
    CHECK(one.error().message == "the manifests have 1 error");
    diags.error(SourcePos{"m.yaml", 3, 1}, "another");
    CHECK(error_of(diagnostics_status(diags, k_content_errors)) == "the image files have 2 errors");
  }
}

}  // namespace glancer::plan_test
