// Glance's rules per caller (CallerScopedService) over the embedded store: visibility, listing,
// ownership, membership and roles.
#include "server/caller_scope.h"

#include <doctest/doctest.h>

#include "server/query.h"
#include "server/routes.h"
#include "unit/store/store_test_support.h"

namespace glancer {

namespace {

using store_test::open_store;
using store_test::TempDir;

Caller member_of(const std::string& project) {
  return Caller{true, project, false, true};
}

std::vector<std::string> names(CallerScopedService& s, QueryParams params = {}) {
  auto request = parse_list_request(params);
  REQUIRE(request.ok());
  auto page = s.list_page(*request);
  REQUIRE(page.ok());
  std::vector<std::string> out;
  for (const auto& image : page->images) out.push_back(*image.name);
  std::sort(out.begin(), out.end());
  return out;
}

std::string create(CallerScopedService& s, const std::string& name, const std::string& visibility) {
  ImageCreate c;
  c.name = name;
  c.visibility = visibility;
  auto image = s.create(c);
  REQUIRE(image.ok());
  return image->id;
}

struct Scoped {
  TempDir tmp;
  std::unique_ptr<LocalImageService> store = open_store(tmp.store());
  CallerScopedService service{*store};
  ~Scoped() { set_current_caller(Caller{}); }
};

}  // namespace

TEST_CASE("caller scope: owner, visibility and listing follow Glance's default policy") {
  Scoped s;
  set_current_caller(member_of("A"));
  const auto priv = create(s.service, "a-private", "private");
  const auto shared = create(s.service, "a-shared", "shared");
  create(s.service, "a-public", "public");
  create(s.service, "a-community", "community");
  CHECK(s.service.get(priv)->owner == "A");
  CHECK(names(s.service) ==
        std::vector<std::string>{"a-community", "a-private", "a-public", "a-shared"});
  REQUIRE(s.service.add_member(shared, "B").ok());

  set_current_caller(member_of("B"));
  CHECK(s.service.get(priv).error().code == ErrorCode::not_found);
  CHECK(s.service.remove(priv).error().code == ErrorCode::not_found);
  CHECK(s.service.get(shared).ok());  // a pending member sees it
  CHECK(names(s.service) == std::vector<std::string>{"a-public"});
  CHECK(names(s.service, {{"visibility", "community"}}) == std::vector<std::string>{"a-community"});
  CHECK(names(s.service, {{"member_status", "pending"}, {"visibility", "shared"}}) ==
        std::vector<std::string>{"a-shared"});
  CHECK(s.service.update_member(shared, "B", "accepted").ok());
  CHECK(names(s.service) == std::vector<std::string>{"a-public", "a-shared"});
  CHECK(s.service.remove(shared).error().code == ErrorCode::forbidden);
  CHECK(s.service.add_member(shared, "C").error().code == ErrorCode::forbidden);
  CHECK(s.service.list_members(shared)->size() == 1);

  set_current_caller(member_of("A"));
  CHECK(s.service.update_member(shared, "B", "rejected").error().code == ErrorCode::forbidden);
  REQUIRE(s.service.add_member(shared, "C").ok());
  CHECK(s.service.list_members(shared)->size() == 2);
  set_current_caller(member_of("B"));
  CHECK(s.service.list_members(shared)->size() == 1);  // its own membership only
}

TEST_CASE("caller scope: admin sets owner, reader writes nothing, single tenant refuses owner") {
  Scoped s;
  set_current_caller(member_of("A"));
  const auto id = create(s.service, "img", "private");
  ImageCreate foreign;
  foreign.owner = "B";
  CHECK(s.service.create(foreign).error().code == ErrorCode::forbidden);
  PatchOp give{PatchOp::Kind::replace, "/owner", "B"};
  CHECK(s.service.update(id, {give}).error().code == ErrorCode::forbidden);

  set_current_caller(Caller{true, "A", false, false});  // reader of A
  CHECK(s.service.get(id).ok());
  CHECK(s.service.update(id, {{PatchOp::Kind::replace, "/name", "x"}}).error().code ==
        ErrorCode::forbidden);
  CHECK(s.service.create(ImageCreate{}).error().code == ErrorCode::forbidden);

  set_current_caller(Caller{true, "admin-project", true, true});
  auto given = s.service.update(id, {{PatchOp::Kind::replace, "/name", "given"}, give});
  REQUIRE(given.ok());
  CHECK(given->owner == "B");
  CHECK(given->name == "given");
  CHECK(s.service.create(foreign)->owner == "B");

  set_current_caller(Caller{});  // single tenant
  CHECK(s.service.create(foreign).error().code == ErrorCode::forbidden);
  CHECK(s.service.remove(id).ok());
}

TEST_CASE("patch bodies: the v2.0 syntax") {
  auto ops = parse_patch_v20(nlohmann::json::parse(
      R"([{"replace":"/name","value":"x"},{"remove":"/k"},{"add":"/tags","value":["a"]}])"));
  REQUIRE(ops.ok());
  REQUIRE(ops->size() == 3);
  CHECK((*ops)[0] == PatchOp{PatchOp::Kind::replace, "/name", "x"});
  CHECK((*ops)[1].op == PatchOp::Kind::remove);
  CHECK(!parse_patch_v20(nlohmann::json::parse(R"([{"replace":"/a"}])")).ok());
  CHECK(!parse_patch_v20(nlohmann::json::parse(R"([{"replace":"/a","add":"/b","value":1}])")).ok());
  CHECK(!parse_patch_v20(nlohmann::json::parse(R"([{"move":"/a"}])")).ok());
}

}  // namespace glancer
