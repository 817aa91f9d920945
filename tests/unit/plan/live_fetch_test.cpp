// fetch_live: one listing, plus the members of the shared images of the loaded sets only.
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

    auto live = fetch_live(*f.store, desired);
    REQUIRE_MESSAGE(live.ok(), error_of(live));
    CHECK(live->images.size() == 2);
    REQUIRE(live->members.size() == 1);
    REQUIRE(live->members.count(mine.id) == 1);
    CHECK(live->members.at(mine.id).at(0).member_id == "project-mine");
    CHECK(live->members.count(theirs.id) == 0);
  }

  TEST_CASE("fetch_live: a failed listing is the error") {
    PlannerFixture f;
    auto live =
        fetch_live(*f.store, DesiredState{},
                   Result<std::vector<Image>>(fail(ErrorCode::timeout, "listing timed out")));
    REQUIRE_FALSE(live.ok());
    CHECK(live.error().code == ErrorCode::timeout);
    CHECK(live.error().message == "listing timed out");
  }
}

}  // namespace glancer::plan_test
