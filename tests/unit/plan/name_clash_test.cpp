#include "plan/name_clash.h"

#include <doctest/doctest.h>

#include "diff_fixture.h"

using namespace glancer;
using namespace glancer::diff_test;

TEST_SUITE("plan") {
  TEST_CASE("name clash: only unlabelled public images named like a desired public image") {
    DesiredImage pub = desired_image("pub"), priv = desired_image("priv");
    pub.visibility = "public";
    pub.field_pos.set("name", SourcePos{"m.yaml", 7, 11});
    priv.name = pub.name;  // a private desired image: nobody else boots it by name
    Image managed = live_image(pub, "managed");
    Image twin = managed, other_name = managed, private_twin = managed;
    twin.id = "twin";
    twin.properties = {};
    private_twin.id = "private-twin";
    private_twin.properties = {};
    private_twin.visibility = "private";
    other_name.id = "other";
    other_name.name = "Something else";
    other_name.properties = {};

    const std::vector<DesiredImage> desired = {pub, priv};
    const std::vector<Image> live = {managed, twin, other_name, private_twin};
    auto clashes = public_name_clashes(desired, live);
    REQUIRE(clashes.size() == 1);
    CHECK(clashes[0].desired->key == "pub");
    CHECK(clashes[0].unlabelled->id == "twin");

    Diagnostics warnings;
    warn_name_clashes(desired, live, warnings);
    REQUIRE(warnings.items().size() == 1);
    CHECK(warnings.items()[0].to_string() ==
          "m.yaml:7:11: warning: image `demo/pub`: the unlabelled public image twin is also named "
          "\"Image pub\": customers booting by name get either; rename it, make it private or "
          "delete it");
    CHECK_FALSE(warnings.has_errors());
  }
}  // TEST_SUITE
