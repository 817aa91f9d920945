#include "plan/targeting.h"

#include <doctest/doctest.h>

#include "diff_fixture.h"

using namespace glancer;
using namespace glancer::diff_test;

namespace {

// A protected key `u` with one kept previous version, and a new source for it.
struct ProtectedRotation {
  DesiredImage d = desired_image("u");
  Image current, v1;

  ProtectedRotation() {
    d.lifecycle.prevent_destroy = true;
    d.rotation = Rotation{2, "hide"};
    current = live_image(d, "cur");
    current.properties[labels::k_version] = "v2";
    v1 = live_image(d, "v1");
    v1.name = "Image u (v1)";
    v1.properties[labels::k_version] = "v1";
    v1.properties[labels::k_previous] = "2026-01-02T00:00:00.000Z";
    d.source->checksum = Digest{HashAlgo::sha256, std::string(64, 'f')};
    d.source->version = "v3";
  }

  Status check() const { return check_prevent_destroy(diff(state_of({d}), {{current, v1}, {}})); }
};

}  // namespace

TEST_SUITE("plan") {
  TEST_CASE("prevent_destroy: a rotation that keeps the current image as a version is allowed") {
    ProtectedRotation r;
    CHECK(r.check().ok());  // keep 2: the current image and v1 both stay, hidden
    r.d.rotation = Rotation{1, "hide"};
    CHECK(r.check().ok());  // v1 is hidden past keep: nothing is deleted
    r.d.rotation = Rotation{1, "deactivate"};
    CHECK(r.check().ok());
    r.d.rotation = Rotation{0, "hide"};
    CHECK(r.check().ok());
  }

  TEST_CASE("prevent_destroy: deleting a version past rotation.keep is a destroy") {
    ProtectedRotation r;
    r.d.rotation = Rotation{1, "delete"};
    auto refused = r.check();
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().message ==
          "image `demo/u` has lifecycle.prevent_destroy, but the plan would delete its previous "
          "version v1 (retired: beyond rotation.keep 1 (version v1)); retire versions with "
          "rotation.retire: hide or deactivate, or remove prevent_destroy to allow it");

    // keep 0 with retire: delete would delete the rotated image at once: a replace.
    r.d.rotation = Rotation{0, "delete"};
    refused = check_prevent_destroy(diff(state_of({r.d}), {{r.current}, {}}));
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().message.find("would replace it (new source version v3)") !=
          std::string::npos);
  }

  TEST_CASE("prevent_destroy: without rotation a new source is a replace, refused") {
    ProtectedRotation r;
    r.d.rotation.reset();
    auto refused = check_prevent_destroy(diff(state_of({r.d}), {{r.current}, {}}));
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().message.find("would replace it (source changed)") != std::string::npos);
  }

  TEST_CASE("targeting: an unknown --target or --replace suggests the nearest key") {
    auto changes = diff(state_of({desired_image("ubuntu-20.04"), desired_image("debian-12")}), {});
    auto unknown = restrict_to_targets(changes, {"ubuntu-2004"});
    REQUIRE_FALSE(unknown.ok());
    CHECK(unknown.error().code == ErrorCode::invalid_argument);
    CHECK(unknown.error().message ==
          "--target `ubuntu-2004` names no image of the loaded sets; did you mean "
          "`ubuntu-20.04`?");
    CHECK(check_names(changes, {"demo/debian-11"}, "--replace").error().message ==
          "--replace `demo/debian-11` names no image of the loaded sets; did you mean "
          "`demo/debian-12`?");
    CHECK(check_names(changes, {"centos"}, "--replace").error().message ==
          "--replace `centos` names no image of the loaded sets");
    CHECK(check_names(changes, {"debian-12", "demo/ubuntu-20.04"}, "--replace").ok());
  }

  TEST_CASE("targeting: --replace outside --target is an error") {
    auto changes = diff(state_of({desired_image("a"), desired_image("b")}), {});
    auto narrowed = restrict_to_targets(changes, {"a"});
    REQUIRE(narrowed.ok());
    CHECK(check_replace_within_targets(*narrowed, {"demo/a"}).ok());
    auto outside = check_replace_within_targets(*narrowed, {"b"});
    REQUIRE_FALSE(outside.ok());
    CHECK(outside.error().message ==
          "--replace `b` names an image outside --target: the plan would not replace it; add it "
          "to --target, or drop --replace");
  }
}  // TEST_SUITE
