// The planner when sources fail (a mirror down, a file gone): every failure is reported at its
// manifest line, the images concerned are marked in the plan and the others are planned; and
// what --target and drift read of the sources.
#include <doctest/doctest.h>

#include "planner_fixture.h"
#include "support/doctest_strings.h"

namespace glancer::plan_test {

namespace {

const std::string k_sums = "https://mirror.example/SHA256SUMS";

// base from the mirror; app references it; other from a file; `extra` is appended.
std::string catalogue(const std::string& extra = "", const std::string& other_tags = "[a]") {
  return manifest(
      "  - {key: base, name: Base, source: {url: \"https://mirror.example/base.img\", "
      "checksum_url: \"" +
      k_sums +
      "\"}}\n"
      "  - {key: app, name: App, properties: {base_id: \"${image.base.id}\"}, "
      "source: {file: app.qcow2}}\n"
      "  - {key: other, name: Other, tags: " +
      other_tags + ", source: {file: other.qcow2}}\n" + extra);
}

// The mirror serving base: its checksum file and its HEAD (for the release label).
void serve_base(PlannerFixture& f) {
  f.probe.add_text(k_sums, testing::FakeSourceProbe::digest_of("base").hex + "  base.img\n");
  f.probe.add_head("https://mirror.example/base.img", UrlInfo{});
}

// "set/key action[ error]" of every change: which ones carry an error.
std::string outcomes(const Plan& plan) {
  std::string out;
  for (const Change& c : plan.changes)
    out += (out.empty() ? "" : ", ") + image_ref(c.set, c.key) + " " + action_name(c.action) +
           (c.error ? " error" : "");
  return out;
}

const Change& change_of(const Plan& plan, const std::string& key) {
  for (const Change& c : plan.changes)
    if (c.key == key) return c;
  FAIL("no change for " << key);
  return plan.changes.front();
}

// The catalogue planned with every source answering, and applied by hand; its plan.
Plan apply_catalogue(PlannerFixture& f) {
  f.write_manifest(catalogue());
  f.add_file("app.qcow2", "app data");
  f.add_file("other.qcow2", "other data");
  serve_base(f);
  auto plan = f.plan();
  REQUIRE_MESSAGE(plan.ok(), error_of(plan));
  f.apply_by_hand(*plan);
  return *plan;
}

}  // namespace

TEST_SUITE("planner") {
  TEST_CASE("planner: with the mirror down, its images are marked and the others are planned") {
    PlannerFixture f;
    const Plan first = apply_catalogue(f);
    const std::string base_id = change_of(first, "base").new_id;

    // The mirror goes down; meanwhile `other` changed, and two images were added: `fresh`
    // from the mirror, and `child`, which references it.
    f.probe.fail_url(k_sums, fail(ErrorCode::transport, k_sums + ": connection refused"));
    f.write_manifest(catalogue(
        "  - {key: fresh, name: Fresh, source: {url: \"https://mirror.example/fresh.img\", "
        "checksum_url: \"" +
            k_sums +
            "\"}}\n"
            "  - {key: child, name: Child, properties: {parent: \"${image.fresh.id}\"}, "
            "source: {file: other.qcow2}}\n",
        "[a, b]"));
    f.probe.fetched.clear();
    auto plan = f.plan();
    REQUIRE_MESSAGE(plan.ok(), error_of(plan));
    CHECK(outcomes(*plan) ==
          "demo/base no-op error, demo/app no-op, demo/other update, demo/fresh create error, "
          "demo/child create");

    // The live base is kept as it is, and what references it keeps its id.
    const Change& base = change_of(*plan, "base");
    REQUIRE(base.error);
    CHECK(base.error->message == "image `base`: " + k_sums + ": connection refused");
    CHECK(base.error->where.line == 6);  // its source.checksum_url
    CHECK(base.live->id == base_id);
    CHECK(base.attributes.empty());
    CHECK(change_of(*plan, "app").desired->properties.at("base_id") == base_id);
    // fresh needs its source: its create is planned with an id, so child is planned against
    // it (and apply skips child when fresh fails).
    const Change& fresh = change_of(*plan, "fresh");
    CHECK(fresh.error->where.line == 9);
    CHECK(change_of(*plan, "child").references == std::vector<std::string>{"demo/fresh"});
    CHECK(change_of(*plan, "child").desired->properties.at("parent") == fresh.new_id);

    const PlanSummary s = plan->summary();
    CHECK(s.errors == 2);
    CHECK(s.create == 1);
    CHECK(s.update == 1);
    CHECK(plan->has_errors());
    // Both failures are diagnostics too, located, and the checksum file was asked once.
    std::vector<std::string> located;
    for (const Diagnostic& d : f.diags.sources.sorted()) located.push_back(d.to_string());
    const std::string m = (f.manifests() / "m.yaml").string();
    CHECK(located == std::vector<std::string>{
                         m + ":6:78: error: image `base`: " + k_sums + ": connection refused",
                         m + ":9:81: error: image `fresh`: " + k_sums + ": connection refused"});
    CHECK(f.probe.fetched == std::vector<std::string>{k_sums});
  }

  TEST_CASE("planner: a failed source does not trip prevent_destroy, which only guards actions") {
    PlannerFixture f;
    auto pinned = [&](char hex) {
      return manifest(
          "  - {key: base, name: Base, lifecycle: {prevent_destroy: true}, source: {url: "
          "\"https://mirror.example/base.img\", checksum: \"sha256:" +
          std::string(64, hex) + "\", checksum_url: \"" + k_sums + "\"}}\n");
    };
    f.write_manifest(pinned('a'));
    f.probe.add_text(k_sums, std::string(64, 'a') + "  base.img\n");
    auto first = f.plan();
    REQUIRE_MESSAGE(first.ok(), error_of(first));
    f.apply_by_hand(*first);
    // A new pin, but the mirror is down: the replace it needs cannot happen, so it is no
    // prevent_destroy violation, only an error of that image.
    f.write_manifest(pinned('b'));
    f.probe.fail_url(k_sums, fail(ErrorCode::timeout, k_sums + ": timed out"));
    auto plan = f.plan();
    REQUIRE_MESSAGE(plan.ok(), error_of(plan));
    CHECK(outcomes(*plan) == "demo/base replace error");
  }

  TEST_CASE("planner: --target reads only the sources of the targets and what they reference") {
    PlannerFixture f;
    f.write_manifest(catalogue(
        "  - {key: far, name: Far, source: {url: \"https://elsewhere.example/far.img\"}}\n"));
    f.add_file("app.qcow2", "app data");
    f.add_file("other.qcow2", "other data");
    serve_base(f);
    // far's mirror is down: a plan of app neither asks it nor fails because of it.
    f.probe.fail_url("https://elsewhere.example/far.img",
                     fail(ErrorCode::transport, "far: connection refused"));
    PlanScope scope;
    scope.targets = {"app"};
    auto plan = f.plan(scope);
    REQUIRE_MESSAGE(plan.ok(), error_of(plan));
    CHECK(actions(*plan) == "demo/base create, demo/app create");
    CHECK_FALSE(plan->has_errors());
    CHECK(f.probe.fetched == std::vector<std::string>{k_sums});  // base's, which app references
    CHECK(f.probe.probed == std::vector<std::string>{"https://mirror.example/base.img"});
    CHECK(f.probe.inspected == std::vector<fs::path>{f.manifests() / "app.qcow2"});
    CHECK(f.probe.digested == std::vector<fs::path>{f.manifests() / "app.qcow2"});
    CHECK(f.diags.sources.empty());
  }

  TEST_CASE("planner: drift substitutes references as the plan does") {
    PlannerFixture f;
    f.write_manifest(
        manifest("  - {key: kernel, name: Kernel, source: {file: vmlinuz}}\n"
                 "  - {key: linux, name: Linux, properties: {kernel_id: \"${image.kernel.id}\"}, "
                 "source: {file: linux.qcow2}}\n"));
    f.add_file("vmlinuz", "kernel 5.15");
    f.add_file("linux.qcow2", "linux");
    auto plan = f.plan();
    REQUIRE_MESSAGE(plan.ok(), error_of(plan));
    f.apply_by_hand(*plan);
    auto next = f.plan();
    REQUIRE(next.ok());
    CHECK_FALSE(next->has_changes());

    auto clean = f.drift();
    REQUIRE_MESSAGE(clean.ok(), error_of(clean));
    CHECK(clean->managed == 2);
    CHECK(clean->drift.empty());
    CHECK(clean->checked_at == "2026-01-01T00:00:00Z");  // the planner's clock

    // A new kernel: its content drifts, and linux's kernel_id will change with the next apply
    // (the id it will have is unknown until then).
    f.add_file("vmlinuz", "kernel 5.16");
    auto drifted = f.drift();
    REQUIRE_MESSAGE(drifted.ok(), error_of(drifted));
    REQUIRE(drifted->drift.size() == 2);
    CHECK(drifted->drift[0].kind == DriftKind::content);
    CHECK(drifted->drift[0].key == "kernel");
    CHECK(drifted->drift[1].kind == DriftKind::modified);
    REQUIRE(drifted->drift[1].attributes.size() == 1);
    CHECK(drifted->drift[1].attributes[0].path == "properties.kernel_id");
    CHECK(drifted->drift[1].attributes[0].after == k_id_after_apply);
  }

  TEST_CASE("planner: drift reports a failed source and still compares the rest") {
    PlannerFixture f;
    apply_catalogue(f);
    f.probe.fail_url(k_sums, fail(ErrorCode::transport, k_sums + ": connection refused"));
    f.write_manifest(catalogue("", "[a, b]"));
    auto report = f.drift();
    REQUIRE_MESSAGE(report.ok(), error_of(report));
    REQUIRE(f.diags.sources.size() == 1);
    CHECK(f.diags.sources.items()[0].where.line == 6);
    REQUIRE(report->drift.size() == 1);
    CHECK(report->drift[0].key == "other");
    CHECK(report->managed == 3);
  }
}

}  // namespace glancer::plan_test
