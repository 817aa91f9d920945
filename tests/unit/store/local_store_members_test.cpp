// LocalImageService: tags and members.
#include <doctest/doctest.h>

#include "store_test_support.h"

namespace glancer::store_test {

TEST_SUITE("store") {
  TEST_CASE("store: add_tag is idempotent, remove_tag of a missing tag is not_found") {
    TempDir tmp;
    auto store = open_store(tmp.store());
    Image image = create_ok(*store, {});
    REQUIRE(store->add_tag(image.id, "lts").ok());
    Image tagged = store->get(image.id).value();
    CHECK(tagged.tags == std::set<std::string>{"lts"});
    CHECK(tagged.updated_at > image.updated_at);

    REQUIRE(store->add_tag(image.id, "lts").ok());
    CHECK(store->get(image.id).value() == tagged);  // no change, same updated_at

    CHECK(outcome(store->remove_tag(image.id, "nope")) == "not_found");
    REQUIRE(store->remove_tag(image.id, "lts").ok());
    CHECK(store->get(image.id)->tags.empty());
    CHECK(outcome(store->remove_tag(image.id, "lts")) == "not_found");

    CHECK(outcome(store->add_tag(image.id, std::string(256, 't'))) == "invalid_argument");
    CHECK(outcome(store->add_tag("6f0c6b3e-6b1a-4d8e-9d61-1c1b2a3f4e5d", "x")) == "not_found");
    CHECK(outcome(store->remove_tag("6f0c6b3e-6b1a-4d8e-9d61-1c1b2a3f4e5d", "x")) == "not_found");
  }

  TEST_CASE("store: non-ASCII tags round-trip") {
    TempDir tmp;
    auto store = open_store(tmp.store());
    Image image = create_ok(*store, {});
    REQUIRE(store->add_tag(image.id, "Ubuntu “Jammy” 22.04 – ünïcödé").ok());
    CHECK(store->get(image.id)->tags.count("Ubuntu “Jammy” 22.04 – ünïcödé") == 1);
  }

  TEST_CASE("store: tag quota is 128") {
    TempDir tmp;
    auto store = open_store(tmp.store());
    Image image = create_ok(*store, {});
    for (int i = 0; i < 128; ++i) REQUIRE(store->add_tag(image.id, "t" + std::to_string(i)).ok());
    CHECK(outcome(store->add_tag(image.id, "one-too-many")) == "quota");
    CHECK(store->add_tag(image.id, "t0").ok());  // existing tag: still idempotent
  }

  TEST_CASE("store: members need a shared image and start pending") {
    TempDir tmp;
    auto store = open_store(tmp.store());
    ImageCreate priv;
    priv.visibility = "private";
    Image private_image = create_ok(*store, priv);
    CHECK(outcome(store->add_member(private_image.id, "project-b")) == "forbidden");

    Image image = create_ok(*store, {});  // Glance's default visibility: shared
    auto added = store->add_member(image.id, "project-b");
    REQUIRE(added.ok());
    CHECK(added->image_id == image.id);
    CHECK(added->member_id == "project-b");
    CHECK(added->status == "pending");
    CHECK_FALSE(added->created_at.empty());
    CHECK(outcome(store->add_member(image.id, "project-b")) == "conflict");
    CHECK(outcome(store->add_member(image.id, "")) == "invalid_argument");
    CHECK(outcome(store->add_member("6f0c6b3e-6b1a-4d8e-9d61-1c1b2a3f4e5d", "p")) == "not_found");

    REQUIRE(store->add_member(image.id, "project-a").ok());
    auto members = store->list_members(image.id);
    REQUIRE(members.ok());
    REQUIRE(members->size() == 2);
    CHECK((*members)[0].member_id == "project-a");
    CHECK((*members)[1] == added.value());
  }

  TEST_CASE("store: member status updates and removal") {
    TempDir tmp;
    auto store = open_store(tmp.store());
    Image image = create_ok(*store, {});
    Member added = store->add_member(image.id, "project-b").value();

    for (std::string status : {"accepted", "rejected", "pending"}) {
      auto updated = store->update_member(image.id, "project-b", status);
      REQUIRE(updated.ok());
      CHECK(updated->status == status);
      CHECK(store->list_members(image.id)->at(0).status == status);
    }
    CHECK(outcome(store->update_member(image.id, "project-b", "maybe")) == "invalid_argument");
    CHECK(outcome(store->update_member(image.id, "project-c", "accepted")) == "not_found");

    CHECK(outcome(store->remove_member(image.id, "project-c")) == "not_found");
    REQUIRE(store->remove_member(image.id, "project-b").ok());
    CHECK(store->list_members(image.id)->empty());
    CHECK(outcome(store->list_members("6f0c6b3e-6b1a-4d8e-9d61-1c1b2a3f4e5d")) == "not_found");
  }

  TEST_CASE("store: member quota is 128; members go with their image") {
    TempDir tmp;
    auto store = open_store(tmp.store());
    Image image = create_ok(*store, {});
    for (int i = 0; i < 128; ++i)
      REQUIRE(store->add_member(image.id, "project-" + std::to_string(i)).ok());
    CHECK(outcome(store->add_member(image.id, "project-x")) == "quota");

    REQUIRE(store->remove(image.id).ok());
    CHECK(outcome(store->list_members(image.id)) == "not_found");
  }

}  // TEST_SUITE

}  // namespace glancer::store_test
