// resolve_sources and prepare_sources on their own: which questions reach the probe, and where
// their errors point.
#include "plan/source_resolver.h"

#include <doctest/doctest.h>

#include "plan/plan_inputs.h"
#include "planner_fixture.h"

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
    auto resolved = resolve_sources(desired, f.probe);
    REQUIRE_FALSE(resolved.ok());
    CHECK(resolved.error().code == ErrorCode::io);
    CHECK(resolved.error().message == "image `base`: cannot open " +
                                          (f.manifests() / "base.qcow2").string() +
                                          ": no such file");
    CHECK(resolved.error().where.line == 9);
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
    auto resolved = resolve_sources(desired, f.probe);
    REQUIRE_MESSAGE(resolved.ok(), error_of(resolved));
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
