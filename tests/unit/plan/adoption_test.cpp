// adopt_image (`glancer import`): the refusals that change nothing, and the labels it writes.
#include "plan/adoption.h"

#include <doctest/doctest.h>

#include "exec/stored_digest.h"
#include "planner_fixture.h"

namespace glancer::plan_test {

namespace {

// The manifests of the fixture, loaded and resolved as `glancer import` does.
DesiredState resolved(PlannerFixture& f) {
  PlanDiagnostics diags;
  auto desired = load_desired({f.manifests().string()}, diags);
  REQUIRE_MESSAGE(desired.ok(), error_of(desired));
  auto prepared = prepare_sources(*desired, f.probe, diags);
  REQUIRE_MESSAGE(prepared.ok(), error_of(prepared));
  return std::move(desired).value();
}

// stored_digest on the fixture's store, counting the calls.
struct CountingReader {
  PlannerFixture& f;
  int calls = 0;
  StoredDigestReader reader() {
    return [this](const Image& image, HashAlgo algo) {
      ++calls;
      return stored_digest(*f.store, image, algo);
    };
  }
};

bool has_labels(const Image& image) {
  return image.property(labels::k_set) || image.property(labels::k_key) ||
         image.property(labels::k_digest);
}

}  // namespace

TEST_SUITE("adoption") {
  TEST_CASE("adoption: an image with the source's data gets the set, key and digest labels") {
    PlannerFixture f;
    f.write_manifest(manifest("  - {key: base, name: Base, source: {file: base.qcow2}}\n"));
    f.add_file("base.qcow2", "base data");
    Image image = f.unmanaged_image("Base", "base data");
    DesiredState desired = resolved(f);
    CountingReader digests{f};

    auto adopted = adopt_image(*f.store, desired, "base", image.id, digests.reader());
    REQUIRE_MESSAGE(adopted.ok(), error_of(adopted));
    CHECK(adopted->ref == "demo/base");
    CHECK(adopted->image_id == image.id);
    CHECK(adopted->same_data);
    CHECK(adopted->has_source);
    CHECK(digests.calls == 1);  // sha256: the store computes sha512 only, so the data is read
    const std::string digest = testing::FakeSourceProbe::digest_of("base data").to_string();
    CHECK(adopted->ops == std::vector<PatchOp>{{PatchOp::Kind::add, "/glancer.set", "demo"},
                                               {PatchOp::Kind::add, "/glancer.key", "base"},
                                               {PatchOp::Kind::add, "/glancer.digest", digest}});
    auto live = f.store->get(image.id);
    REQUIRE(live.ok());
    CHECK(live->property(labels::k_set) == std::optional<std::string>("demo"));
    CHECK(live->property(labels::k_key) == std::optional<std::string>("base"));
    CHECK(live->property(labels::k_digest) == std::optional<std::string>(digest));

    // Now managed: the next plan keeps it.
    auto plan = f.plan();
    REQUIRE_MESSAGE(plan.ok(), error_of(plan));
    CHECK(actions(*plan) == "demo/base no-op");
  }

  TEST_CASE("adoption: other data gets no digest label, so the next plan replaces the image") {
    PlannerFixture f;
    f.write_manifest(manifest("  - {key: base, name: Base, source: {file: base.qcow2}}\n"));
    f.add_file("base.qcow2", "base data");
    Image image = f.unmanaged_image("Base", "something else");
    DesiredState desired = resolved(f);
    CountingReader digests{f};

    auto adopted = adopt_image(*f.store, desired, "demo/base", image.id, digests.reader());
    REQUIRE_MESSAGE(adopted.ok(), error_of(adopted));
    CHECK_FALSE(adopted->same_data);
    CHECK(adopted->ops.size() == 2);
    auto live = f.store->get(image.id);
    REQUIRE(live.ok());
    CHECK(live->property(labels::k_key) == std::optional<std::string>("base"));
    CHECK_FALSE(live->property(labels::k_digest));

    auto plan = f.plan();
    REQUIRE_MESSAGE(plan.ok(), error_of(plan));
    CHECK(actions(*plan) == "demo/base replace");
  }

  TEST_CASE("adoption: an md5 checksum is compared with the service's own hash") {
    PlannerFixture f;
    const Digest md5 = testing::FakeSourceProbe::digest_of("base data", HashAlgo::md5);
    f.write_manifest(manifest("  - {key: base, name: Base, source: {file: base.qcow2, checksum: " +
                              md5.to_string() + "}}\n"));
    f.add_file("base.qcow2", "base data");
    Image image = f.unmanaged_image("Base", "base data");
    DesiredState desired = resolved(f);
    CountingReader digests{f};

    auto adopted = adopt_image(*f.store, desired, "base", image.id, digests.reader());
    REQUIRE_MESSAGE(adopted.ok(), error_of(adopted));
    CHECK(adopted->same_data);
    CHECK(digests.calls == 0);
  }

  TEST_CASE("adoption: refusals change nothing") {
    PlannerFixture f;
    f.write_manifest(
        manifest("  - {key: base, name: Base, source: {file: base.qcow2}}\n"
                 "  - {key: twin, name: Twin, source: {file: base.qcow2}}\n"));
    f.write_manifest(manifest("  - {key: twin, name: Twin, source: {file: base.qcow2}}\n", "other"),
                     "other.yaml");
    f.add_file("base.qcow2", "base data");
    Image image = f.unmanaged_image("Base", "base data");
    DesiredState desired = resolved(f);
    CountingReader digests{f};

    SUBCASE("a key no manifest image has") {
      auto adopted = adopt_image(*f.store, desired, "nope", image.id, digests.reader());
      REQUIRE_FALSE(adopted.ok());
      CHECK(adopted.error().code == ErrorCode::invalid_argument);
      CHECK(adopted.error().message == "no image `nope` in the manifests");
    }
    SUBCASE("a key of several sets") {
      auto adopted = adopt_image(*f.store, desired, "twin", image.id, digests.reader());
      REQUIRE_FALSE(adopted.ok());
      CHECK(adopted.error().code == ErrorCode::invalid_argument);
      CHECK(adopted.error().message == "`twin` is in several sets; write SET/KEY");
    }
    SUBCASE("an unknown image") {
      auto adopted = adopt_image(*f.store, desired, "base", "00000000-0000-4000-8000-00000000dead",
                                 digests.reader());
      REQUIRE_FALSE(adopted.ok());
      CHECK(adopted.error().code == ErrorCode::not_found);
    }
    SUBCASE("an image another key already manages") {
      REQUIRE(adopt_image(*f.store, desired, "other/twin", image.id, digests.reader()).ok());
      auto adopted = adopt_image(*f.store, desired, "base", image.id, digests.reader());
      REQUIRE_FALSE(adopted.ok());
      CHECK(adopted.error().code == ErrorCode::conflict);
      CHECK(adopted.error().message == "image " + image.id + " already belongs to `other/twin`");
      auto live = f.store->get(image.id);
      REQUIRE(live.ok());
      CHECK(live->property(labels::k_key) == std::optional<std::string>("twin"));
      return;
    }
    SUBCASE("a key that already has an image") {
      Image second = f.unmanaged_image("Base again", "base data");
      REQUIRE(adopt_image(*f.store, desired, "base", image.id, digests.reader()).ok());
      auto adopted = adopt_image(*f.store, desired, "demo/base", second.id, digests.reader());
      REQUIRE_FALSE(adopted.ok());
      CHECK(adopted.error().code == ErrorCode::conflict);
      CHECK(adopted.error().message == "`demo/base` already has an image: " + image.id);
      auto live = f.store->get(second.id);
      REQUIRE(live.ok());
      CHECK_FALSE(has_labels(*live));
      return;
    }
    auto live = f.store->get(image.id);
    REQUIRE(live.ok());
    CHECK_FALSE(has_labels(*live));
  }
}

}  // namespace glancer::plan_test
