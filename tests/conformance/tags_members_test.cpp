// Conformance: tags and members.
#include "conformance.h"

namespace glancer::conformance {

TEST_CASE("tags: add is idempotent, remove of a missing tag is not_found") {
  Images images;
  Image im = images.create(Images::uploadable("tags"));
  CHECK(service().add_tag(im.id, "one").ok());
  CHECK(service().add_tag(im.id, "one").ok());
  CHECK(service().add_tag(im.id, "two words").ok());
  CHECK(service().get(im.id)->tags == std::set<std::string>{"one", "two words"});
  CHECK(service().remove_tag(im.id, "one").ok());
  CHECK(code_of(service().remove_tag(im.id, "one")) == ErrorCode::not_found);
  CHECK(service().get(im.id)->tags == std::set<std::string>{"two words"});
}

TEST_CASE("members: only on shared images; pending; duplicates conflict; removal") {
  Images images;
  Image priv = images.create(Images::uploadable("private"));
  CHECK(code_of(service().add_member(priv.id, "project-b")) == ErrorCode::forbidden);

  ImageCreate c = Images::uploadable("shared");
  c.visibility = "shared";
  Image im = images.create(c);
  auto added = service().add_member(im.id, "project-b");
  REQUIRE_MESSAGE(added.ok(), (added.ok() ? "" : added.error().message));
  CHECK(added->status == "pending");
  CHECK(added->member_id == "project-b");
  CHECK(added->image_id == im.id);
  CHECK(code_of(service().add_member(im.id, "project-b")) == ErrorCode::conflict);
  REQUIRE(service().add_member(im.id, "project-a").ok());
  auto members = service().list_members(im.id);
  REQUIRE(members.ok());
  REQUIRE(members->size() == 2);
  CHECK((*members)[0].member_id == "project-a");
  CHECK((*members)[1].member_id == "project-b");
  CHECK(service().remove_member(im.id, "project-a").ok());
  CHECK(code_of(service().remove_member(im.id, "project-a")) == ErrorCode::not_found);
  CHECK(service().list_members(im.id)->size() == 1);
}

}  // namespace glancer::conformance
