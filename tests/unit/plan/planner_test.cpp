// Planner: the plan pipeline against the embedded store, a recording FakeSourceProbe and a
// ManualClock; no threads (PlannerOptions::concurrent_listing off), no sockets.
#include "plan/planner.h"

#include <doctest/doctest.h>

#include "planner_fixture.h"

namespace glancer::plan_test {

namespace {

using namespace std::chrono;

const std::string k_one_image = manifest(
    "  - key: base\n"
    "    name: Base\n"
    "    source:\n"
    "      file: base.qcow2\n");

// base (then `base_extra`, from line 9 on); app references base; other stands alone.
std::string three_images(const std::string& base_extra = "") {
  return manifest(
      "  - key: base\n"
      "    name: Base\n"
      "    source: {file: base.qcow2}\n" +
      base_extra +
      "  - key: app\n"
      "    name: App\n"
      "    properties: {base_id: \"${image.base.id}\"}\n"
      "    source: {file: app.qcow2}\n"
      "  - key: other\n"
      "    name: Other\n"
      "    source: {file: other.qcow2}\n");
}

// The error of the plan's only change, which must be an image that could not be planned: a
// create (nothing is live in these tests) that apply will fail.
const Error& source_error(const Plan& plan) {
  REQUIRE(plan.changes.size() == 1);
  REQUIRE(plan.changes[0].error);
  CHECK(plan.changes[0].action == Action::create);
  CHECK(plan.has_errors());
  CHECK_FALSE(plan.has_changes());
  return *plan.changes[0].error;
}

void add_three_files(PlannerFixture& f) {
  f.add_file("base.qcow2", "base data");
  f.add_file("app.qcow2", "app data");
  f.add_file("other.qcow2", "other data");
}

// The three images planned and applied by hand.
void apply_three_images(PlannerFixture& f) {
  f.write_manifest(three_images());
  add_three_files(f);
  auto created = f.plan();
  REQUIRE(created.ok());
  f.apply_by_hand(*created);
}

}  // namespace

TEST_SUITE("planner") {
  TEST_CASE("planner: a first plan creates; after applying it by hand the next is a no-op") {
    PlannerFixture f;
    f.write_manifest(k_one_image);
    fs::path file = f.add_file("base.qcow2", "base data");

    auto first = f.plan();
    REQUIRE_MESSAGE(first.ok(), error_of(first));
    CHECK(actions(*first) == "demo/base create");
    CHECK(first->target == f.store->describe());
    CHECK(first->sets == std::vector<std::string>{"demo"});
    const Change& create = first->changes[0];
    CHECK(create.new_id == "00000000-0000-4000-8000-000000000001");
    CHECK(create.desired->source->checksum == testing::FakeSourceProbe::digest_of("base data"));
    CHECK(f.diags.manifests.empty());
    CHECK(f.diags.contents.empty());

    f.apply_by_hand(*first);
    auto second = f.plan();
    REQUIRE_MESSAGE(second.ok(), error_of(second));
    CHECK(actions(*second) == "demo/base no-op");
    CHECK_FALSE(second->has_changes());
    CHECK(second->changes[0].live->id == create.new_id);
  }

  TEST_CASE("planner: created_at is the clock's time") {
    PlannerFixture f;
    f.write_manifest(k_one_image);
    f.add_file("base.qcow2", "base data");
    auto plan = f.plan();
    REQUIRE(plan.ok());
    CHECK(plan->created_at == "2026-01-01T00:00:00Z");
    f.clock.advance(hours(5) + minutes(3) + seconds(9));
    plan = f.plan();
    REQUIRE(plan.ok());
    CHECK(plan->created_at == "2026-01-01T05:03:09Z");
  }

  TEST_CASE("planner: destroy deletes every image of the set without reading its sources") {
    PlannerFixture f;
    apply_three_images(f);
    f.probe = {};

    PlanScope destroy;
    destroy.destroy = true;
    auto plan = f.plan(destroy);
    REQUIRE_MESSAGE(plan.ok(), error_of(plan));
    CHECK(actions(*plan) == "demo/app delete, demo/base delete, demo/other delete");
    CHECK(f.probe.inspected.empty());
    CHECK(f.probe.digested.empty());
    CHECK(f.probe.stat_files.empty());

    // The manifests still say what must not be destroyed.
    f.write_manifest(three_images("    lifecycle: {prevent_destroy: true}\n"));
    auto refused = f.plan(destroy);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == ErrorCode::invalid_manifest);
    CHECK(
        refused.error().message ==
        "image `demo/base` has lifecycle.prevent_destroy, but the plan would delete it (removed "
        "from the manifests); remove prevent_destroy to allow it, or undo the change that requires "
        "it");
    CHECK(refused.error().where.line == 9);
  }

  TEST_CASE("planner: deleting most of a set needs --allow-mass-delete; destroy is consent") {
    PlannerFixture f;
    apply_three_images(f);

    // The set now seems to list only `other` (another file of the set was not loaded).
    f.write_manifest(
        manifest("  - key: other\n    name: Other\n    source: {file: other.qcow2}\n"));
    auto refused = f.plan();
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().message ==
          "the plan would delete 2 of the 3 images of set `demo`, loaded from " +
              (f.manifests() / "m.yaml").string() +
              "; a set may span several files: plan with all of them, or pass "
              "--allow-mass-delete if these images should go");

    PlanScope consent;
    consent.allow_mass_delete = true;
    auto plan = f.plan(consent);
    REQUIRE_MESSAGE(plan.ok(), error_of(plan));
    CHECK(actions(*plan) == "demo/other no-op, demo/app delete, demo/base delete");

    PlanScope destroy;
    destroy.destroy = true;
    CHECK(f.plan(destroy).ok());
  }

  TEST_CASE("planner: a public image with the name of an unlabelled public image is a warning") {
    PlannerFixture f;
    f.write_manifest(
        manifest("  - key: base\n    name: Base\n    visibility: public\n    source: {file: "
                 "base.qcow2}\n"));
    f.add_file("base.qcow2", "base data");
    ImageCreate twin;
    twin.name = "Base";
    twin.visibility = "public";
    auto created = f.store->create(twin);
    REQUIRE(created.ok());

    auto plan = f.plan();
    REQUIRE_MESSAGE(plan.ok(), error_of(plan));
    REQUIRE(f.diags.manifests.items().size() == 1);
    const Diagnostic& warning = f.diags.manifests.items()[0];
    CHECK(warning.severity == Severity::warning);
    CHECK(warning.where.line == 7);
    CHECK(warning.message.find("image `demo/base`: the unlabelled public image " + created->id +
                               " is also named \"Base\"") == 0);
  }

  TEST_CASE("planner: --target narrows to the image and what it references") {
    PlannerFixture f;
    f.write_manifest(three_images());
    add_three_files(f);
    PlanScope scope;
    scope.targets = {"app"};
    auto plan = f.plan(scope);
    REQUIRE_MESSAGE(plan.ok(), error_of(plan));
    CHECK(actions(*plan) == "demo/base create, demo/app create");

    scope.targets = {"demo/other"};
    plan = f.plan(scope);
    REQUIRE(plan.ok());
    CHECK(actions(*plan) == "demo/other create");

    scope.targets = {"nope"};
    plan = f.plan(scope);
    REQUIRE_FALSE(plan.ok());
    CHECK(plan.error().code == ErrorCode::invalid_argument);
    CHECK(plan.error().message == "--target `nope` names no image of the loaded sets");
  }

  TEST_CASE("planner: --replace replaces an unchanged image; an unknown key is an error") {
    PlannerFixture f;
    f.write_manifest(k_one_image);
    f.add_file("base.qcow2", "base data");
    auto created = f.plan();
    REQUIRE(created.ok());
    f.apply_by_hand(*created);

    PlanScope scope;
    scope.replace = {"base"};
    auto plan = f.plan(scope);
    REQUIRE_MESSAGE(plan.ok(), error_of(plan));
    CHECK(actions(*plan) == "demo/base replace");
    CHECK(plan->changes[0].reason == "replacement requested with --replace");

    scope.replace = {"nope"};
    plan = f.plan(scope);
    REQUIRE_FALSE(plan.ok());
    CHECK(plan.error().code == ErrorCode::invalid_argument);
    CHECK(plan.error().message == "--replace `nope` names no image of the loaded sets");

    scope.replace = {"bsae"};
    plan = f.plan(scope);
    REQUIRE_FALSE(plan.ok());
    CHECK(plan.error().message ==
          "--replace `bsae` names no image of the loaded sets; did you mean `base`?");
  }

  TEST_CASE("planner: --replace must name an image that --target keeps") {
    PlannerFixture f;
    f.write_manifest(three_images());
    add_three_files(f);
    PlanScope scope;
    scope.targets = {"app"};
    scope.replace = {"base"};  // referenced by app: inside
    CHECK(f.plan(scope).ok());
    scope.replace = {"other"};
    auto plan = f.plan(scope);
    REQUIRE_FALSE(plan.ok());
    CHECK(plan.error().message.find("--replace `other` names an image outside --target") == 0);
  }

  TEST_CASE("planner: prevent_destroy refuses a replace") {
    PlannerFixture f;
    f.write_manifest(
        manifest("  - key: base\n"
                 "    name: Base\n"
                 "    source: {file: base.qcow2}\n"
                 "    lifecycle:\n"
                 "      prevent_destroy: true\n"));
    f.add_file("base.qcow2", "base data");
    auto created = f.plan();
    REQUIRE_MESSAGE(created.ok(), error_of(created));
    f.apply_by_hand(*created);

    PlanScope scope;
    scope.replace = {"demo/base"};
    auto refused = f.plan(scope);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().message ==
          "image `demo/base` has lifecycle.prevent_destroy, but the plan would replace it "
          "(replacement requested with --replace); remove prevent_destroy to allow it, or undo "
          "the change that requires it");
    CHECK(refused.error().where.line == 10);

    // A new file is a replacement too.
    f.add_file("base.qcow2", "newer data");
    refused = f.plan();
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().message.find("would replace it (source changed)") != std::string::npos);
  }

  TEST_CASE("planner: a local file is inspected, stat'ed and digested once for all its images") {
    PlannerFixture f;
    f.write_manifest(
        manifest("  - {key: a, name: A, source: {file: shared.qcow2}}\n"
                 "  - {key: b, name: B, source: {file: shared.qcow2}}\n"
                 "  - {key: c, name: C, source: {file: shared.qcow2}}\n"));
    fs::path file = f.add_file("shared.qcow2", "shared data", "qcow2",
                               sys_days{year{2024} / February / 1} + hours(12) + minutes(34));
    auto plan = f.plan();
    REQUIRE_MESSAGE(plan.ok(), error_of(plan));
    CHECK(plan->changes.size() == 3);
    CHECK(f.probe.digested == std::vector<fs::path>{file});
    CHECK(f.probe.inspected == std::vector<fs::path>{file});
    CHECK(f.probe.stat_files == std::vector<fs::path>{file});
    for (const Change& c : plan->changes) {
      CHECK(c.desired->source->checksum == testing::FakeSourceProbe::digest_of("shared data"));
      CHECK(c.desired->source->version == "2024-02-01 12:34");  // the file's mtime
    }
  }

  TEST_CASE("planner: a pinned checksum is not digested; the version in the manifest wins") {
    PlannerFixture f;
    const Digest pinned = testing::FakeSourceProbe::digest_of("base data", HashAlgo::sha512);
    f.write_manifest(
        manifest("  - key: base\n"
                 "    name: Base\n"
                 "    source:\n"
                 "      file: base.qcow2\n"
                 "      checksum: " +
                 pinned.to_string() +
                 "\n"
                 "      version: \"7.1\"\n"));
    f.add_file("base.qcow2", "base data", "qcow2", sys_days{year{2024} / March / 3});
    auto plan = f.plan();
    REQUIRE_MESSAGE(plan.ok(), error_of(plan));
    CHECK(f.probe.digested.empty());
    CHECK(plan->changes[0].desired->source->checksum == pinned);
    CHECK(plan->changes[0].desired->source->version == "7.1");
  }

  TEST_CASE("planner: one fetch per checksum_url; the mirror's Last-Modified labels the release") {
    PlannerFixture f;
    const std::string sums = "https://mirror.example/SHA256SUMS";
    f.write_manifest(
        manifest("  - key: a\n"
                 "    name: A\n"
                 "    source:\n"
                 "      url: https://mirror.example/a.img\n"
                 "      checksum_url: " +
                 sums +
                 "\n"
                 "  - key: b\n"
                 "    name: B\n"
                 "    source:\n"
                 "      url: https://mirror.example/b.img\n"
                 "      checksum_url: " +
                 sums + "\n"));
    const Digest a = testing::FakeSourceProbe::digest_of("a");
    const Digest b = testing::FakeSourceProbe::digest_of("b");
    f.probe.add_text(sums, a.hex + "  a.img\n" + b.hex + " *b.img\n");
    UrlInfo info;
    info.last_modified = sys_days{year{2024} / February / 1} + hours(12);
    f.probe.add_head("https://mirror.example/a.img", info);
    f.probe.add_head("https://mirror.example/b.img", info);

    auto plan = f.plan();
    REQUIRE_MESSAGE(plan.ok(), error_of(plan));
    CHECK(f.probe.fetched == std::vector<std::string>{sums});
    CHECK(f.probe.probed ==
          std::vector<std::string>{"https://mirror.example/a.img", "https://mirror.example/b.img"});
    REQUIRE(plan->changes.size() == 2);
    CHECK(plan->changes[0].desired->source->checksum == a);
    CHECK(plan->changes[1].desired->source->checksum == b);
    CHECK(plan->changes[0].desired->source->version == "2024-02-01 12:00");
  }

  TEST_CASE("planner: a pinned checksum that differs from the checksum_url's is an error") {
    PlannerFixture f;
    const std::string sums = "https://mirror.example/SHA256SUMS";
    const Digest pinned{HashAlgo::sha256, std::string(64, 'f')};
    fs::path file =
        f.write_manifest(manifest("  - key: a\n"
                                  "    name: A\n"
                                  "    source:\n"
                                  "      url: https://mirror.example/a.img\n"
                                  "      checksum: " +
                                  pinned.to_string() +
                                  "\n"
                                  "      checksum_url: " +
                                  sums + "\n"));
    const Digest published = testing::FakeSourceProbe::digest_of("a");
    f.probe.add_text(sums, published.hex + "  a.img\n");

    auto plan = f.plan();
    REQUIRE_MESSAGE(plan.ok(), error_of(plan));
    const Error& error = source_error(*plan);
    CHECK(error.code == ErrorCode::checksum_mismatch);
    CHECK(error.message == "image `a`: the pinned checksum " + pinned.to_string() +
                               " differs from " + published.to_string() + " published at " + sums);
    CHECK(error.where.file == file.string());
    CHECK(error.where.line == 10);  // source.checksum
    CHECK(f.probe.probed.empty());
  }

  TEST_CASE("planner: source errors name the image and the field") {
    PlannerFixture f;
    const std::string sums = "https://mirror.example/SHA256SUMS";
    f.write_manifest(
        manifest("  - key: a\n"
                 "    name: A\n"
                 "    source:\n"
                 "      url: https://mirror.example/a.img\n"
                 "      checksum_url: " +
                 sums + "\n"));

    SUBCASE("the checksum file cannot be fetched") {
      f.probe.fail_url(sums, Error{ErrorCode::transport, sums + ": connection refused", {}});
      auto plan = f.plan();
      REQUIRE_MESSAGE(plan.ok(), error_of(plan));
      CHECK(source_error(*plan).code == ErrorCode::transport);
      CHECK(source_error(*plan).message == "image `a`: " + sums + ": connection refused");
      CHECK(source_error(*plan).where.line == 10);  // source.checksum_url
    }
    SUBCASE("the checksum file does not list the image's file") {
      f.probe.add_text(sums, std::string(64, 'a') + "  other.img\n");
      auto plan = f.plan();
      REQUIRE_MESSAGE(plan.ok(), error_of(plan));
      CHECK(source_error(*plan).code == ErrorCode::not_found);
      CHECK(source_error(*plan).message.rfind("image `a`: " + sums + ": ", 0) == 0);
      CHECK(source_error(*plan).where.line == 10);
    }
    SUBCASE("the mirror refuses the HEAD") {
      f.probe.add_text(sums, std::string(64, 'a') + "  a.img\n");
      auto plan = f.plan();
      REQUIRE_MESSAGE(plan.ok(), error_of(plan));
      CHECK(source_error(*plan).message == "image `a`: https://mirror.example/a.img: HTTP 404");
      CHECK(source_error(*plan).where.line == 9);  // source.url
    }
    // The diagnostics say it too, at the same place, for the CLI to print.
    REQUIRE(f.diags.sources.size() == 1);
    CHECK(f.diags.sources.items()[0].where.line >= 9);
  }

  TEST_CASE("planner: a content finding is an error at the image's source.file") {
    PlannerFixture f;
    fs::path manifest_file =
        f.write_manifest(manifest("  - key: disk\n"
                                  "    name: Disk\n"
                                  "    disk_format: raw\n"
                                  "    source:\n"
                                  "      file: disk.img\n"));
    fs::path file = f.add_file("disk.img", "QFI\xfb", "qcow2");  // a qcow2 declared raw

    auto plan = f.plan();
    REQUIRE_FALSE(plan.ok());
    CHECK(plan.error().code == ErrorCode::invalid_manifest);
    CHECK(plan.error().message == "the image files have 1 error");
    CHECK(f.diags.manifests.empty());
    REQUIRE(f.diags.contents.size() == 1);
    const Diagnostic& d = f.diags.contents.items()[0];
    CHECK(d.severity == Severity::error);
    CHECK(d.where.file == manifest_file.string());
    CHECK(d.where.line == 10);
    CHECK(d.message == "image `disk`: source file " + file.string() +
                           ": the data is qcow2, but disk_format is raw");
    CHECK(f.probe.digested.empty());  // nothing is digested once the content is refused
  }

  TEST_CASE("planner: manifest errors are returned as diagnostics, not printed") {
    PlannerFixture f;
    f.write_manifest(
        manifest("  - key: base\n"
                 "    name: Base\n"
                 "    disk_format: floppy\n"));
    auto plan = f.plan();
    REQUIRE_FALSE(plan.ok());
    CHECK(plan.error().code == ErrorCode::invalid_manifest);
    CHECK(plan.error().message.rfind("the manifests have ", 0) == 0);
    CHECK(f.diags.manifests.has_errors());
    CHECK(f.diags.contents.empty());
    CHECK(f.probe.inspected.empty());
  }
}

}  // namespace glancer::plan_test
