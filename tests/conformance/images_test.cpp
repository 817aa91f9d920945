// Conformance: create, get, list, update, delete.
#include "conformance.h"
#include "core/uuid.h"

namespace glancer::conformance {

namespace {
PatchOp op(PatchOp::Kind k, std::string path, nlohmann::json v = nullptr) {
  return {k, std::move(path), std::move(v)};
}
constexpr auto k_add = PatchOp::Kind::add;
constexpr auto k_replace = PatchOp::Kind::replace;
constexpr auto k_remove = PatchOp::Kind::remove;
}  // namespace

TEST_CASE("create: a queued image with Glance's defaults; get returns the same") {
  Images images;
  ImageCreate c;
  c.name = unique_name("defaults");
  c.tags = {"b", "a"};
  c.properties = {{"os_distro", "cirros"}};
  Image im = images.create(c);
  CHECK(is_uuid(im.id));
  CHECK(im.status == "queued");
  CHECK(im.visibility == "shared");
  CHECK_FALSE(im.protected_);
  CHECK_FALSE(im.hidden);
  CHECK_FALSE(im.disk_format);
  CHECK_FALSE(im.size);
  CHECK_FALSE(im.checksum);
  CHECK(im.min_disk == 0);
  CHECK(im.tags == std::set<std::string>{"a", "b"});
  CHECK(im.property("os_distro") == std::optional<std::string>("cirros"));
  CHECK_FALSE(im.created_at.empty());
  auto got = service().get(im.id);
  REQUIRE(got.ok());
  CHECK(got->name == im.name);
  CHECK(got->tags == im.tags);
  CHECK(got->properties == im.properties);
}

TEST_CASE("create: a client-chosen id is kept; reusing it is a conflict") {
  Images images;
  ImageCreate c = Images::uploadable("client-id");
  c.id = new_uuid();
  CHECK(images.create(c).id == *c.id);
  auto again = service().create(c);
  if (again) images.track(again->id);
  CHECK(code_of(again) == ErrorCode::conflict);
}

TEST_CASE("get: unknown and non-UUID ids are not_found") {
  CHECK(code_of(service().get(new_uuid())) == ErrorCode::not_found);
  CHECK(code_of(service().get("not-a-uuid")) == ErrorCode::not_found);
}

TEST_CASE("list: every visibility, hidden and visible; property filters") {
  Images images;
  std::map<std::string, std::string> ids;
  for (std::string vis : {"private", "shared", "community", "public-hidden", "private-hidden"}) {
    ImageCreate c = Images::uploadable(vis);
    c.visibility = vis.substr(0, vis.find('-'));
    if (c.visibility == "public") c.visibility = "private";  // public needs admin
    c.hidden = vis.find("hidden") != std::string::npos;
    c.properties["conformance.kind"] = vis;
    ids[vis] = images.create(c).id;
  }
  auto all = service().list({});
  REQUIRE(all.ok());
  for (const auto& [vis, id] : ids) {
    INFO(vis);
    CHECK(std::count_if(all->begin(), all->end(), [&](const Image& i) { return i.id == id; }) == 1);
  }
  auto filtered = service().list({{{"conformance.kind", "shared"}}});
  REQUIRE(filtered.ok());
  int mine = 0;
  for (const Image& i : *filtered) {
    CHECK(i.property("conformance.kind") == std::optional<std::string>("shared"));
    mine += i.id == ids["shared"];
  }
  CHECK(mine == 1);
}

TEST_CASE("list: a label filter finds hidden and community images; names in batches") {
  Images images;
  const std::string set = unique_name("set");
  std::set<std::string> labelled;
  std::vector<std::string> names;
  for (std::string kind : {"private", "community", "hidden"}) {
    ImageCreate c = Images::uploadable("label " + kind + ", with: \"quotes\"");
    c.visibility = kind == "hidden" ? "private" : kind;
    c.hidden = kind == "hidden";
    c.properties["glancer.set"] = set;
    labelled.insert(images.create(c).id);
    names.push_back(*c.name);
  }
  images.create(Images::uploadable("label other"));
  auto by_label = service().list({.properties = {{"glancer.set", set}}});
  REQUIRE(by_label.ok());
  std::set<std::string> found;
  for (const Image& i : *by_label) found.insert(i.id);
  CHECK(found == labelled);
  // Two names without quotes (one `in:` request), one with (its own `eq:`), one unknown.
  ImageCreate plain = Images::uploadable("label plain, with: colon");
  const std::string plain_id = images.create(plain).id;
  auto by_name = service().list(
      {.names = std::vector<std::string>{*plain.name, names[2], unique_name("label none")}});
  REQUIRE(by_name.ok());
  found.clear();
  for (const Image& i : *by_name) found.insert(i.id);
  CHECK(found.size() == 2);
  CHECK(found.count(plain_id) == 1);
}

TEST_CASE("update: add, replace, remove, tags as a set; one call, the updated image back") {
  Images images;
  Image im = images.create(Images::uploadable("patch"));
  auto r = service().update(
      im.id, {op(k_replace, "/name", unique_name("renamed")), op(k_add, "/min_ram", 128),
              op(k_add, "/hw_disk_bus", "virtio"), op(k_add, "/os_hidden", true),
              op(k_replace, "/tags", nlohmann::json::array({"x", "y"}))});
  REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.error().message));
  CHECK(r->name == unique_name("renamed"));
  CHECK(r->min_ram == 128);
  CHECK(r->hidden);
  CHECK(r->property("hw_disk_bus") == std::optional<std::string>("virtio"));
  CHECK(r->tags == std::set<std::string>{"x", "y"});
  auto removed = service().update(im.id, {op(k_remove, "/hw_disk_bus")});
  REQUIRE(removed.ok());
  CHECK_FALSE(removed->property("hw_disk_bus"));
  CHECK(service().get(im.id)->min_ram == 128);
}

TEST_CASE("update: Glance's refusals") {
  Images images;
  Image im = images.create(Images::uploadable("refusals"));
  CHECK(code_of(service().update(im.id, {op(k_remove, "/no_such_key")})) == ErrorCode::conflict);
  CHECK(code_of(service().update(im.id, {op(k_replace, "/checksum", "x")})) ==
        ErrorCode::forbidden);
  CHECK(code_of(service().update(im.id, {op(k_remove, "/min_ram")})) == ErrorCode::forbidden);
  CHECK(code_of(service().update(im.id, {op(k_add, "/custom", 5)})) == ErrorCode::invalid_argument);
  CHECK(code_of(service().update(new_uuid(), {op(k_replace, "/name", "x")})) ==
        ErrorCode::not_found);
  // Nothing of a refused patch is applied.
  CHECK(code_of(service().update(im.id, {op(k_add, "/a", "1"), op(k_remove, "/missing")})) ==
        ErrorCode::conflict);
  CHECK_FALSE(service().get(im.id)->property("a"));
}

TEST_CASE("remove: protected is forbidden; deleted ids are gone and can't be reused") {
  Images images;
  ImageCreate c = Images::uploadable("protected");
  c.id = new_uuid();
  c.protected_ = true;
  Image im = images.create(c);
  CHECK(code_of(service().remove(im.id)) == ErrorCode::forbidden);
  REQUIRE(service().update(im.id, {op(k_replace, "/protected", false)}).ok());
  CHECK(service().remove(im.id).ok());
  CHECK(code_of(service().get(im.id)) == ErrorCode::not_found);
  CHECK(code_of(service().remove(im.id)) == ErrorCode::not_found);
  auto reused = service().create(c);
  if (reused) images.track(reused->id);
  CHECK(code_of(reused) == ErrorCode::conflict);
}

}  // namespace glancer::conformance
