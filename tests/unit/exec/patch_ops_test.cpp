#include "exec/patch_ops.h"

#include <doctest/doctest.h>

#include "plan/labels.h"

using namespace glancer;
using nlohmann::json;

TEST_SUITE("exec") {
  TEST_CASE("patch: attribute changes become one JSON-patch, status and members excluded") {
    std::vector<AttributeChange> changes = {
        {"name", "a", "b"},
        {"hidden", false, true},
        {"tags", json::array(), json({"x"})},
        {"properties.os_distro", nullptr, "ubuntu"},
        {"properties.old", "v", nullptr},
        {"status", "active", "deactivated"},
        {"members", json::array(), json({"p"})},
    };
    std::vector<PatchOp> expected = {
        {PatchOp::Kind::replace, "/name", "b"},
        {PatchOp::Kind::replace, "/os_hidden", true},
        {PatchOp::Kind::replace, "/tags", json({"x"})},
        {PatchOp::Kind::add, "/os_distro", "ubuntu"},
        {PatchOp::Kind::remove, "/old", nullptr},
    };
    CHECK(patch_for(changes) == expected);
  }

  TEST_CASE("patch: publishing sets the final attributes and clears the pending label") {
    DesiredImage d;
    d.name = "Ubuntu";
    d.visibility = "public";
    d.properties = {{"os_distro", "ubuntu"}};
    Digest digest{HashAlgo::sha256, std::string(64, 'a')};
    auto ops = publish_patch(d, digest);
    CHECK(ops.front() == PatchOp{PatchOp::Kind::replace, "/name", "Ubuntu"});
    CHECK(ops[1] == PatchOp{PatchOp::Kind::replace, "/visibility", "public"});
    CHECK(ops[ops.size() - 2] ==
          PatchOp{PatchOp::Kind::add, "/glancer.digest", digest.to_string()});
    CHECK(ops.back() == PatchOp{PatchOp::Kind::remove, "/glancer.pending", nullptr});
  }

}  // TEST_SUITE
