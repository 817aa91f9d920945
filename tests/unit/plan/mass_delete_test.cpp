#include "plan/mass_delete.h"

#include <doctest/doctest.h>

#include "diff_fixture.h"

using namespace glancer;
using namespace glancer::diff_test;

namespace {

// `live` images of set demo, keys k1…kN; the manifests (loaded from `files`) list the first
// `listed` of them.
struct Catalogue {
  std::vector<DesiredImage> desired;
  std::vector<Image> live;

  Catalogue(int n, int listed) {
    for (int i = 1; i <= n; ++i) {
      DesiredImage d = desired_image("k" + std::to_string(i));
      live.push_back(live_image(d, "id-" + std::to_string(i)));
      if (i <= listed) desired.push_back(d);
    }
  }

  Status check(const SetFiles& files = {{"demo", {"linux.yaml"}}}) const {
    return check_mass_delete(diff(state_of(desired), {live, {}}), live, files);
  }
};

}  // namespace

TEST_SUITE("plan") {
  TEST_CASE("mass delete: more than half of a set's images, and more than one, is refused") {
    auto refused = Catalogue(9, 2).check({{"demo", {"licensed.yaml", "extra.yaml"}}});
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == ErrorCode::forbidden);
    CHECK(refused.error().message ==
          "the plan would delete 7 of the 9 images of set `demo`, loaded from licensed.yaml, "
          "extra.yaml; a set may span several files: plan with all of them, or pass "
          "--allow-mass-delete if these images should go");

    CHECK(Catalogue(4, 2).check().ok());        // half is not more than half
    CHECK(Catalogue(2, 1).check().ok());        // one image is not a mass
    CHECK_FALSE(Catalogue(3, 1).check().ok());  // two of three
    CHECK_FALSE(Catalogue(2, 0).check().ok());  // the whole set
  }

  TEST_CASE("mass delete: leftovers of an interrupted apply count on neither side") {
    Catalogue c(2, 2);
    for (int i = 3; i <= 6; ++i) {
      Image pending = live_image(desired_image("k" + std::to_string(i)), "p-" + std::to_string(i));
      pending.properties[labels::k_pending] = "2026-01-01T00:00:00Z";
      c.live.push_back(pending);
    }
    CHECK(c.check().ok());  // four pending images deleted, both real ones kept
  }

  TEST_CASE("mass delete: the files of each set, in load order without repeats") {
    DesiredState s;
    s.sets = {{"public", {"linux.yaml", 3, 1}},
              {"public", {"licensed.yaml", 3, 1}},
              {"team", {"team.yaml", 2, 1}},
              {"public", {"linux.yaml", 40, 1}}};
    CHECK(files_of_sets(s) ==
          SetFiles{{"public", {"linux.yaml", "licensed.yaml"}}, {"team", {"team.yaml"}}});
  }
}  // TEST_SUITE
