#include "plan/drift.h"

#include <doctest/doctest.h>

#include "plan/labels.h"

using namespace glancer;
using nlohmann::json;

namespace {

DesiredImage wanted(const std::string& key) {
  DesiredImage d;
  d.set = "demo";
  d.key = key;
  d.name = key;
  d.source = ImageSource{};
  d.source->checksum = Digest{HashAlgo::sha256, std::string(64, 'a')};
  return d;
}

Image matching(const DesiredImage& d, const std::string& id) {
  Image im;
  im.id = id;
  im.name = d.name;
  im.status = "active";
  im.visibility = d.visibility;
  im.disk_format = d.disk_format;
  im.container_format = d.container_format;
  im.owner = "proj";
  im.properties = {{labels::k_set, d.set},
                   {labels::k_key, d.key},
                   {labels::k_digest, d.source->checksum->to_string()}};
  im.created_at = im.updated_at = "2026-11-26T10:00:00Z";
  return im;
}

DriftReport run(const std::vector<DesiredImage>& images, const std::vector<Image>& live,
                DriftOptions o = {}) {
  DesiredState s;
  s.sets = {{"demo", {}}};
  s.images = images;
  if (o.now.empty()) o.now = "2026-11-26T12:00:00Z";
  return detect_drift(s, LiveState{live, {}}, o);
}

}  // namespace

TEST_SUITE("plan") {
  TEST_CASE("drift: none when live matches") {
    auto d = wanted("a");
    auto r = run({d}, {matching(d, "1")});
    CHECK(r.drift.empty());
    CHECK(r.managed == 1);
  }

  TEST_CASE("drift: each kind is detected") {
    auto missing = wanted("missing"), modified = wanted("modified"), content = wanted("content"),
         broken = wanted("broken"), deactivated = wanted("deactivated");
    Image mod = matching(modified, "2");
    mod.min_ram = 4096;
    Image con = matching(content, "3");
    con.properties[labels::k_digest] = "sha256:" + std::string(64, 'b');
    Image brk = matching(broken, "4");
    brk.status = "queued";
    brk.updated_at = "2026-11-26T09:00:00Z";
    Image dea = matching(deactivated, "5");
    dea.status = "deactivated";
    Image manual;
    manual.id = "6";
    manual.name = "hand-made";
    manual.owner = "proj";
    Image foreign_set = matching(wanted("x"), "7");
    foreign_set.properties[labels::k_set] = "other";

    auto r = run({missing, modified, content, broken, deactivated},
                 {mod, con, brk, dea, manual, foreign_set});
    std::vector<std::pair<std::string, std::string>> got;
    for (const auto& d : r.drift) got.push_back({drift_kind_name(d.kind), d.image_id});
    std::vector<std::pair<std::string, std::string>> expected = {
        {"unmanaged", "6"}, {"broken", "4"},   {"content", "3"},  {"broken", "5"},
        {"missing", ""},    {"modified", "2"}, {"unmanaged", "7"}};
    CHECK(got == expected);
    for (const auto& d : r.drift) {
      if (d.image_id == "2")
        CHECK(d.attributes == std::vector<AttributeChange>{{"min_ram", 4096, 0}});
      if (d.image_id == "4") CHECK(d.detail == "status queued for 180 minutes");
      if (d.image_id == "5") CHECK(d.detail == "deactivated, but the manifest wants it active");
      if (d.image_id == "7") CHECK(d.detail == "labelled with set `other`, which was not loaded");
    }
  }

  TEST_CASE(
      "drift: a kept previous version is never the current image, even made the same second") {
    auto d = wanted("a");
    Image kept = matching(d, "9");  // the higher id, listed first, the same created_at
    kept.name = "a 20261126";
    kept.hidden = true;
    kept.properties[labels::k_previous] = "2026-11-26T10:00:00Z";
    kept.properties[labels::k_digest] = "sha256:" + std::string(64, 'b');
    for (const auto& live :
         {std::vector<Image>{kept, matching(d, "1")}, std::vector<Image>{matching(d, "1"), kept}}) {
      auto r = run({d}, live);
      CHECK(r.drift.empty());
      CHECK(r.managed == 1);
    }
    auto r = run({d}, {kept});  // only the kept version left: the image itself is missing
    REQUIRE(r.drift.size() == 1);
    CHECK(std::string(drift_kind_name(r.drift[0].kind)) == "missing");
  }

  TEST_CASE("drift: a floating source whose upstream moved on is upstream, not content") {
    auto floating = wanted("floating"), pinned = wanted("pinned");
    floating.source->checksum_url = "https://m.example/SHA256SUMS";  // resolved: 'a'
    Image old_release = matching(floating, "1");
    old_release.properties[labels::k_digest] = "sha256:" + std::string(64, 'b');
    Image changed = matching(pinned, "2");
    changed.properties[labels::k_digest] = "sha256:" + std::string(64, 'b');
    auto r = run({floating, pinned}, {old_release, changed});
    REQUIRE(r.drift.size() == 2);
    CHECK(std::string(drift_kind_name(r.drift[0].kind)) == "upstream");
    CHECK(r.drift[0].detail == "upstream now publishes sha256:" + std::string(64, 'a') +
                                   " at https://m.example/SHA256SUMS; the image holds sha256:" +
                                   std::string(64, 'b') + ": the next apply replaces it");
    CHECK(std::string(drift_kind_name(r.drift[1].kind)) == "content");
  }

  TEST_CASE("drift: --ignore-unmanaged and the owner filter") {
    Image manual;
    manual.id = "m";
    manual.owner = "someone-else";
    DriftOptions o;
    o.project_id = "proj";
    CHECK(run({}, {manual}, o).drift.empty());
    o.project_id.clear();
    CHECK(run({}, {manual}, o).drift.size() == 1);
    o.ignore_unmanaged = true;
    CHECK(run({}, {manual}, o).drift.empty());
  }

  TEST_CASE("drift: a recently queued image is not yet broken") {
    auto d = wanted("a");
    Image im = matching(d, "1");
    im.status = "saving";
    im.updated_at = "2026-11-26T11:59:00Z";
    CHECK(run({d}, {im}).drift.empty());
    CHECK(seconds_between("2026-11-26T11:59:00Z", "2026-11-26T12:00:00Z") == 60);
  }

  TEST_CASE("drift: images left pending by an interrupted apply are unfinished, whatever age") {
    auto d = wanted("a");
    Image current = matching(d, "1");
    Image young = matching(d, "2");
    young.status = "queued";
    young.properties[labels::k_pending] = "2026-11-26T11:59:00Z";
    Image gone_key = matching(wanted("removed"), "3");  // its key left the manifests
    gone_key.status = "saving";
    gone_key.properties[labels::k_pending] = "2026-11-26T08:00:00Z";
    auto r = run({d}, {current, young, gone_key});
    REQUIRE(r.drift.size() == 2);
    CHECK(r.drift[0].kind == DriftKind::unfinished);
    CHECK(r.drift[0].image_id == "2");
    CHECK(r.drift[0].detail ==
          "left unfinished by an interrupted apply (status queued, pending since "
          "2026-11-26T11:59:00Z); the next apply deletes it");
    CHECK(r.drift[1].key == "removed");
    CHECK(r.drift[1].kind == DriftKind::unfinished);
    CHECK(std::string(drift_kind_name(DriftKind::unfinished)) == "unfinished");
  }

  TEST_CASE("drift: an unlabelled public image named like a managed public image is ambiguous") {
    auto d = wanted("ubuntu");
    d.name = "Ubuntu 22.04";
    d.visibility = "public";
    Image managed = matching(d, "1");
    Image twin;
    twin.id = "twin";
    twin.name = "Ubuntu 22.04";
    twin.visibility = "public";
    twin.owner = "someone-else";
    DriftOptions o;
    o.ignore_unmanaged = true;  // the finding is about the managed image's name
    auto r = run({d}, {managed, twin}, o);
    REQUIRE(r.drift.size() == 1);
    CHECK(r.drift[0].kind == DriftKind::ambiguous);
    CHECK(r.drift[0].key == "ubuntu");
    CHECK(r.drift[0].image_id == "twin");
    CHECK(r.drift[0].detail ==
          "the unlabelled public image twin is also named \"Ubuntu 22.04\": customers booting by "
          "name get either; rename it, make it private or delete it");

    twin.visibility = "private";  // only public names clash
    CHECK(run({d}, {managed, twin}, o).drift.empty());
  }

}  // TEST_SUITE
