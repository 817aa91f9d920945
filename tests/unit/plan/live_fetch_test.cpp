// fetch_live: one listing per loaded set, lookups by name, and the members of the shared images
// of the loaded sets only.
#include "plan/live_fetch.h"

#include <doctest/doctest.h>

#include "planner_fixture.h"

namespace glancer::plan_test {

namespace {

// A shared image labelled as SET/KEY, with one member.
Image shared_image(LocalImageService& store, const std::string& set, const std::string& key) {
  ImageCreate request;
  request.name = key;
  request.visibility = "shared";
  request.properties = {{labels::k_set, set}, {labels::k_key, key}};
  auto created = store.create(request);
  REQUIRE_MESSAGE(created.ok(), error_of(created));
  REQUIRE(store.add_member(created->id, "project-" + key).ok());
  return *created;
}

}  // namespace

TEST_SUITE("planner") {
  TEST_CASE("fetch_live: members of managed shared images of the loaded sets only") {
    PlannerFixture f;
    Image mine = shared_image(*f.store, "demo", "mine");
    Image theirs = shared_image(*f.store, "elsewhere", "theirs");
    DesiredState desired;
    desired.sets.push_back(ImageSetInfo{"demo", {}});

    auto live = fetch_live(*f.store, live_scope(desired));
    REQUIRE_MESSAGE(live.ok(), error_of(live));
    CHECK(live->images.size() == 1);
    REQUIRE(live->members.size() == 1);
    REQUIRE(live->members.count(mine.id) == 1);
    CHECK(live->members.at(mine.id).at(0).member_id == "project-mine");
    CHECK(live->members.count(theirs.id) == 0);
  }

  TEST_CASE(
      "fetch_live: the loaded sets (hidden and community images too) and the images "
      "named like a desired public image or a rotation's previous name, nothing else") {
    PlannerFixture f;
    auto make = [&](const std::string& name, const std::string& visibility, bool hidden,
                    std::map<std::string, std::string> props) {
      ImageCreate r;
      r.name = name;
      r.visibility = visibility;
      r.hidden = hidden;
      r.properties = std::move(props);
      auto created = f.store->create(r);
      REQUIRE_MESSAGE(created.ok(), error_of(created));
      return created->id;
    };
    const std::string hidden =
        make("h", "private", true, {{labels::k_set, "demo"}, {labels::k_key, "h"}});
    const std::string community =
        make("c", "community", false, {{labels::k_set, "demo"}, {labels::k_key, "c"}});
    const std::string rotated =
        make("r", "public", false,
             {{labels::k_set, "demo"}, {labels::k_key, "r"}, {labels::k_version, "v1"}});
    const std::string clash = make("Pub", "public", true, {});
    const std::string taken = make("R (v1)", "private", false, {});
    make("Foreign", "public", false, {});
    make("x", "private", false, {{labels::k_set, "other"}, {labels::k_key, "x"}});
    LiveScope scope;
    scope.sets = {"demo"};
    scope.public_names = {"Pub"};
    DesiredImage r;
    r.set = "demo";
    r.key = "r";
    r.name = "R";
    scope.rotated = {{"demo/r", r}};

    auto live = fetch_live(*f.store, scope);
    REQUIRE_MESSAGE(live.ok(), error_of(live));
    std::set<std::string> ids;
    for (const Image& im : live->images) ids.insert(im.id);
    CHECK(ids == std::set<std::string>{hidden, community, rotated, clash, taken});
  }
}

}  // namespace glancer::plan_test
