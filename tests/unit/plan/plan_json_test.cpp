#include "plan/plan_json.h"

#include <doctest/doctest.h>

#include <filesystem>

#include "plan/labels.h"
#include "plan/staleness.h"

using namespace glancer;
using nlohmann::json;

namespace {

Plan sample_plan() {
  DesiredImage d;
  d.set = "demo";
  d.key = "cirros";
  d.name = "Cirros 0.3.6";
  d.visibility = "shared";
  d.protected_ = true;
  d.min_disk = 1;
  d.min_ram = 64;
  d.tags = {"tiny"};
  d.properties = {{"os_distro", "cirros"}};
  d.members = {"p1"};
  d.source = ImageSource{};
  d.source->file = "/srv/cirros.img";
  d.source->checksum = *Digest::parse("md5:" + std::string(32, '0'));
  d.source->version = "0.3.6";
  d.rotation = Rotation{2, "hide"};
  d.lifecycle = Lifecycle{true, {"min_ram"}};

  Plan p;
  p.target = "local store /tmp/s";
  p.created_at = "2026-11-26T00:00:00Z";
  p.sets = {"demo"};
  Change create;
  create.set = "demo";
  create.key = "cirros";
  create.name = d.name;
  create.action = Action::create;
  create.reason = "not in the image service";
  create.attributes = {{"name", nullptr, "Cirros 0.3.6"}};
  create.desired = d;
  Change del;
  del.set = "demo";
  del.key = "old";
  del.name = "Old";
  del.action = Action::remove;
  del.live = LiveRef{"id-old", "2026-01-01T00:00:00Z", std::string(32, 'a'), "active", false};
  p.changes = {create, del};
  return p;
}

}  // namespace

TEST_SUITE("plan") {
  TEST_CASE("plan JSON: round trip keeps every field") {
    Plan p = sample_plan();
    json j = plan_to_json(p);
    CHECK(j["format_version"] == 1);
    CHECK(j["summary"]["create"] == 1);
    CHECK(j["summary"]["delete"] == 1);
    CHECK(j["changes"][1]["action"] == "delete");
    CHECK(j["changes"][1]["image_id"] == "id-old");
    auto back = plan_from_json(j);
    REQUIRE(back.ok());
    CHECK(back->target == p.target);
    CHECK(back->sets == p.sets);
    REQUIRE(back->changes.size() == 2);
    const DesiredImage& d = *back->changes[0].desired;
    const DesiredImage& want = *p.changes[0].desired;
    CHECK(d.name == want.name);
    CHECK(d.visibility == want.visibility);
    CHECK(d.protected_ == want.protected_);
    CHECK(d.tags == want.tags);
    CHECK(d.properties == want.properties);
    CHECK(d.members == want.members);
    CHECK(d.source == want.source);
    CHECK(d.rotation == want.rotation);
    CHECK(d.lifecycle == want.lifecycle);
    CHECK(back->changes[0].attributes == p.changes[0].attributes);
    CHECK(back->changes[1].live == p.changes[1].live);
    CHECK(plan_to_json(*back) == j);
  }

  TEST_CASE("plan JSON: another format version is refused") {
    json j = plan_to_json(sample_plan());
    j["format_version"] = 99;
    auto back = plan_from_json(j);
    REQUIRE_FALSE(back.ok());
    CHECK(back.error().message ==
          "plan format_version 99 is not supported (this glancer reads versions 1 to 2)");
  }

  TEST_CASE("plan JSON: an image that could not be planned keeps its located error; version 2") {
    Plan p = sample_plan();
    p.changes[0].error = fail(ErrorCode::transport, "image `cirros`: https://m/SUMS: refused",
                              SourcePos{"/srv/m.yaml", 12, 7});
    json j = plan_to_json(p);
    // A glancer that reads only version 1 must refuse a plan it would apply wrongly.
    CHECK(j["format_version"] == 2);
    CHECK(j["summary"]["errors"] == 1);
    CHECK(j["summary"]["create"] == 0);
    CHECK(j["changes"][0]["error"] == json{{"code", "transport"},
                                           {"message", "image `cirros`: https://m/SUMS: refused"},
                                           {"file", "/srv/m.yaml"},
                                           {"line", 12},
                                           {"column", 7}});
    auto back = plan_from_json(j);
    REQUIRE(back.ok());
    REQUIRE(back->changes[0].error);
    CHECK(back->changes[0].error->code == ErrorCode::transport);
    CHECK(back->changes[0].error->to_string() == p.changes[0].error->to_string());
    CHECK(back->has_errors());
    CHECK_FALSE(back->changes[1].error);
    CHECK(plan_to_json(*back) == j);
  }

  TEST_CASE("plan JSON: save and load through a file") {
    auto path = std::filesystem::temp_directory_path() / "glancer-plan-test.json";
    REQUIRE(save_plan(sample_plan(), path.string()).ok());
    auto back = load_plan(path.string());
    std::filesystem::remove(path);
    REQUIRE(back.ok());
    CHECK(back->changes.size() == 2);
    auto missing = load_plan("/nonexistent/plan.json");
    CHECK(missing.error().code == ErrorCode::io);
  }

  TEST_CASE("staleness: unchanged images pass, moved ones are named") {
    Plan p = sample_plan();
    Image old;
    old.id = "id-old";
    old.updated_at = "2026-01-01T00:00:00Z";
    old.checksum = std::string(32, 'a');
    CHECK(check_not_stale(p, {old}).ok());

    Image touched = old;
    touched.updated_at = "2026-01-02T00:00:00Z";
    auto stale = check_not_stale(p, {touched});
    REQUIRE_FALSE(stale.ok());
    CHECK(stale.error().code == ErrorCode::stale_plan);
    CHECK(stale.error().message.rfind("plan is stale", 0) == 0);
    CHECK(stale.error().message.find("`demo/old` (id-old) changed at 2026-01-02T00:00:00Z") !=
          std::string::npos);

    auto gone = check_not_stale(p, {});
    CHECK(gone.error().message.find("`demo/old` (id-old) no longer exists") != std::string::npos);

    Image appeared = old;
    appeared.id = "id-new";
    appeared.properties = {{labels::k_set, "demo"}, {labels::k_key, "cirros"}};
    auto created = check_not_stale(p, {old, appeared});
    CHECK(created.error().message.find("`demo/cirros` was created since the plan (id-new)") !=
          std::string::npos);
  }

}  // TEST_SUITE
