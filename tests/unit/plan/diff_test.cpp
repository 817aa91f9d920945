#include "plan/diff.h"

#include <doctest/doctest.h>

#include "diff_fixture.h"
#include "plan/labels.h"

using namespace glancer;
using namespace glancer::diff_test;
using nlohmann::json;

TEST_SUITE("plan") {
  TEST_CASE("diff: an image missing from the service is created with its attributes") {
    auto d = desired_image("cirros");
    d.tags = {"b", "a"};
    auto changes = diff(state_of({d}), LiveState{});
    REQUIRE(changes.size() == 1);
    CHECK(changes[0].action == Action::create);
    CHECK(changes[0].key == "cirros");
    CHECK(changes[0].desired.has_value());
    CHECK_FALSE(changes[0].live.has_value());
    CHECK(changes[0].attributes[0] == AttributeChange{"name", nullptr, "Image cirros"});
    bool has_tags = false;
    for (const auto& a : changes[0].attributes)
      if (a.path == "tags") has_tags = a.after == json({"a", "b"});
    CHECK(has_tags);
  }

  TEST_CASE("diff: a matching image is a no-op, whatever Glance-managed keys it carries") {
    auto d = desired_image("cirros");
    d.properties = {{"os_distro", "cirros"}};
    Image im = live_image(d, "id-1");
    im.properties["os_hash_algo_extra"] = "x";
    im.properties["stores"] = "file";
    im.properties["os_glance_import_task"] = "t";
    im.properties["owner_specified.openstack.md5"] = "m";
    im.properties["direct_url"] = "file:///x";
    auto changes = diff(state_of({d}), LiveState{{im}, {}});
    REQUIRE(changes.size() == 1);
    CHECK(changes[0].action == Action::no_op);
    CHECK(changes[0].attributes.empty());
    CHECK(changes[0].live->id == "id-1");
  }

  TEST_CASE("diff: each attribute is diffed with before and after") {
    struct Case {
      const char* path;
      std::function<void(DesiredImage&)> edit;
      json before, after;
    };
    std::vector<Case> cases = {
        {"name", [](DesiredImage& d) { d.name = "New"; }, "Image x", "New"},
        {"visibility", [](DesiredImage& d) { d.visibility = "public"; }, "private", "public"},
        {"protected", [](DesiredImage& d) { d.protected_ = true; }, false, true},
        {"hidden", [](DesiredImage& d) { d.hidden = true; }, false, true},
        {"status", [](DesiredImage& d) { d.status = "deactivated"; }, "active", "deactivated"},
        {"min_disk", [](DesiredImage& d) { d.min_disk = 8; }, 0, 8},
        {"min_ram", [](DesiredImage& d) { d.min_ram = 512; }, 0, 512},
        {"tags", [](DesiredImage& d) { d.tags = {"lts"}; }, json::array(), json({"lts"})},
        {"properties.os_distro", [](DesiredImage& d) { d.properties["os_distro"] = "ubuntu"; },
         nullptr, "ubuntu"},
    };
    for (const auto& c : cases) {
      CAPTURE(c.path);
      auto d = desired_image("x");
      Image im = live_image(d, "id-x");
      c.edit(d);
      auto changes = diff(state_of({d}), LiveState{{im}, {}});
      REQUIRE(changes.size() == 1);
      CHECK(changes[0].action == Action::update);
      REQUIRE(changes[0].attributes.size() == 1);
      CHECK(changes[0].attributes[0] == AttributeChange{c.path, c.before, c.after});
    }
  }

  TEST_CASE("diff: tags compare as sets") {
    auto d = desired_image("x");
    d.tags = {"b", "a"};
    Image im = live_image(d, "id-x");
    im.tags = {"a", "b"};
    CHECK(diff(state_of({d}), LiveState{{im}, {}})[0].action == Action::no_op);
  }

  TEST_CASE("diff: properties added, changed and removed") {
    auto d = desired_image("x");
    d.properties = {{"keep", "1"}, {"change", "new"}, {"add", "yes"}};
    Image im = live_image(d, "id-x");
    im.properties["change"] = "old";
    im.properties.erase("add");
    im.properties["extra"] = "gone";
    auto changes = diff(state_of({d}), LiveState{{im}, {}});
    REQUIRE(changes.size() == 1);
    CHECK(changes[0].action == Action::update);
    std::vector<AttributeChange> expected = {
        {"properties.add", nullptr, "yes"},
        {"properties.change", "old", "new"},
        {"properties.extra", "gone", nullptr},
    };
    CHECK(changes[0].attributes == expected);
  }

  TEST_CASE("diff: ignore_changes hides the listed attributes") {
    auto d = desired_image("x");
    d.lifecycle.ignore_changes = {"properties.hw_qemu_guest_agent", "min_ram"};
    Image im = live_image(d, "id-x");
    im.properties["hw_qemu_guest_agent"] = "yes";
    im.min_ram = 1024;
    CHECK(diff(state_of({d}), LiveState{{im}, {}})[0].action == Action::no_op);
  }

  TEST_CASE("diff: a changed source replaces the image") {
    auto d = desired_image("x");
    Image im = live_image(d, "id-x");
    im.properties[labels::k_digest] = "sha256:" + std::string(64, 'b');
    auto changes = diff(state_of({d}), LiveState{{im}, {}});
    REQUIRE(changes.size() == 1);
    CHECK(changes[0].action == Action::replace);
    CHECK(changes[0].reason == "source changed");
    CHECK(changes[0].attributes[0].path == "source.checksum");
  }

  TEST_CASE("diff: md5 and sha512 checksums are compared with what Glance computed") {
    auto d = desired_image("x");
    Image im = live_image(d, "id-x");
    d.source->checksum = *Digest::parse("md5:" + std::string(32, 'c'));
    CHECK(diff(state_of({d}), LiveState{{im}, {}})[0].action == Action::no_op);
    d.source->checksum = *Digest::parse("sha512:" + std::string(128, 'e'));
    CHECK(diff(state_of({d}), LiveState{{im}, {}})[0].action == Action::no_op);
    d.source->checksum = *Digest::parse("sha512:" + std::string(128, 'f'));
    CHECK(diff(state_of({d}), LiveState{{im}, {}})[0].action == Action::replace);
  }

  TEST_CASE("diff: a format change or a live image without data means replace") {
    auto d = desired_image("x");
    Image im = live_image(d, "id-x");
    d.disk_format = "raw";
    auto changes = diff(state_of({d}), LiveState{{im}, {}});
    CHECK(changes[0].action == Action::replace);
    CHECK(changes[0].attributes == std::vector<AttributeChange>{{"disk_format", "qcow2", "raw"}});

    d.disk_format = "qcow2";
    im.status = "queued";
    changes = diff(state_of({d}), LiveState{{im}, {}});
    CHECK(changes[0].action == Action::replace);
    CHECK(changes[0].reason == "live image has no data (status queued)");
  }

  TEST_CASE("diff: images removed from the manifests are deleted, only within loaded sets") {
    auto keep = desired_image("keep");
    auto gone = desired_image("gone");
    Image other_set = live_image(desired_image("elsewhere"), "id-other");
    other_set.properties[labels::k_set] = "other";
    Image unlabelled;
    unlabelled.id = "id-manual";
    unlabelled.status = "active";
    auto changes = diff(
        state_of({keep}),
        LiveState{{live_image(keep, "id-keep"), live_image(gone, "id-gone"), other_set, unlabelled},
                  {}});
    REQUIRE(changes.size() == 2);
    CHECK(changes[0].action == Action::no_op);
    CHECK(changes[1].action == Action::remove);
    CHECK(changes[1].live->id == "id-gone");
    CHECK(changes[1].reason == "removed from the manifests");
  }

  TEST_CASE("diff: a pending leftover of an interrupted apply is deleted and the image created") {
    auto d = desired_image("x");
    Image pending = live_image(d, "id-pending");
    pending.status = "queued";
    pending.properties[labels::k_pending] = "2026-01-01T00:00:00Z";
    auto changes = diff(state_of({d}), LiveState{{pending}, {}});
    REQUIRE(changes.size() == 2);
    CHECK(changes[0].action == Action::create);
    CHECK(changes[1].action == Action::remove);
    CHECK(changes[1].live->id == "id-pending");
    CHECK(changes[1].reason == "left unfinished by an interrupted apply");
  }

  TEST_CASE(
      "diff: of duplicates for one key the one with data, the desired content, oldest is kept") {
    auto d = desired_image("x");
    Image older = live_image(d, "id-old");
    Image newer = live_image(d, "id-new");
    newer.created_at = "2026-02-01T00:00:00Z";
    // Same content (two applies raced): the oldest stays, whatever the listing order.
    for (const auto& images :
         {std::vector<Image>{older, newer}, std::vector<Image>{newer, older}}) {
      auto changes = diff(state_of({d}), LiveState{images, {}});
      REQUIRE(changes.size() == 2);
      CHECK(changes[0].action == Action::no_op);
      CHECK(changes[0].live->id == "id-old");
      CHECK(changes[1].action == Action::remove);
      CHECK(changes[1].live->id == "id-new");
      CHECK(changes[1].reason == "duplicate of id-old for the same key");
    }
    // The older holds a previous source (an apply died before deleting it): the newer stays.
    older.properties[labels::k_digest] = "sha256:" + std::string(64, 'b');
    auto changes = diff(state_of({d}), LiveState{{older, newer}, {}});
    CHECK(changes[0].live->id == "id-new");
    CHECK(changes[1].live->id == "id-old");
    // Without data an image loses to any with data, however old.
    older = live_image(d, "id-old");
    older.status = "queued";
    changes = diff(state_of({d}), LiveState{{older, newer}, {}});
    CHECK(changes[0].live->id == "id-new");
  }

  TEST_CASE("diff: members of shared images") {
    auto d = desired_image("x");
    d.visibility = "shared";
    d.members = {"p1", "p2"};
    Image im = live_image(d, "id-x");
    Member m1{"id-x", "p1", "accepted", "", ""};
    Member m3{"id-x", "p3", "pending", "", ""};
    auto changes = diff(state_of({d}), LiveState{{im}, {{"id-x", {m1, m3}}}});
    REQUIRE(changes.size() == 1);
    CHECK(changes[0].action == Action::update);
    CHECK(changes[0].attributes ==
          std::vector<AttributeChange>{{"members", json({"p1", "p3"}), json({"p1", "p2"})}});
  }

  TEST_CASE("diff: references resolve to the id an image will have after apply") {
    auto kernel = desired_image("kernel");
    auto ami = desired_image("ami");
    ami.properties = {{"kernel_id", "${image.kernel.id}"},
                      {"note", "k=${image.kernel.id};x=${image.nope.id}"}};
    auto changes = diff(state_of({kernel, ami}), LiveState{});
    REQUIRE(changes.size() == 2);
    CHECK(changes[0].new_id == "new-1");
    CHECK(changes[1].new_id == "new-2");
    CHECK(changes[1].desired->properties.at("kernel_id") == "new-1");
    CHECK(changes[1].desired->properties.at("note") == "k=new-1;x=${image.nope.id}");
    CHECK(changes[1].references == std::vector<std::string>{"demo/kernel"});

    // Live and unchanged: the reference is the live id, and nothing changes.
    Image live_kernel = live_image(kernel, "k-live");
    DesiredImage ami_live = ami;
    ami_live.properties = {{"kernel_id", "k-live"}, {"note", "k=k-live;x=${image.nope.id}"}};
    Image live_ami = live_image(ami_live, "a-live");
    live_ami.properties["glancer.key"] = "ami";
    changes = diff(state_of({kernel, ami}), LiveState{{live_kernel, live_ami}, {}});
    CHECK(changes[0].action == Action::no_op);
    CHECK(changes[1].action == Action::no_op);

    // The kernel's source changes: it is replaced, and the AMI is re-pointed to the new id.
    kernel.source->checksum = Digest{HashAlgo::sha256, std::string(64, 'f')};
    changes = diff(state_of({kernel, ami}), LiveState{{live_kernel, live_ami}, {}});
    CHECK(changes[0].action == Action::replace);
    CHECK(changes[0].new_id == "new-1");
    CHECK(changes[1].action == Action::update);
    CHECK(changes[1].attributes[0] == AttributeChange{"properties.kernel_id", "k-live", "new-1"});
  }

  TEST_CASE("diff: a new source of a rotated image is one rotate; versions past keep retire") {
    auto d = desired_image("u");
    d.rotation = Rotation{1, "delete"};
    Image current = live_image(d, "cur");
    current.properties["glancer.version"] = "v2";
    Image v1 = live_image(d, "v1");
    v1.name = "Image u (v1)";
    v1.properties["glancer.version"] = "v1";
    v1.properties["glancer.previous"] = "2026-01-02T00:00:00.000Z";
    // Unchanged source, one kept version within keep 1: nothing to do.
    CHECK(diff(state_of({d}), LiveState{{current, v1}, {}}).front().action == Action::no_op);
    CHECK(diff(state_of({d}), LiveState{{current, v1}, {}}).size() == 1);

    d.source->checksum = Digest{HashAlgo::sha256, std::string(64, 'f')};
    d.source->version = "v3";
    auto changes = diff(state_of({d}), LiveState{{current, v1}, {}});
    REQUIRE(changes.size() == 2);
    CHECK(changes[0].action == Action::rotate);
    CHECK(changes[0].reason == "new source version v3");
    CHECK(changes[0].previous_name == "Image u (v2)");
    CHECK(changes[0].live->id == "cur");
    CHECK(changes[1].action == Action::remove);
    CHECK(changes[1].live->id == "v1");
    CHECK(changes[1].reason == "retired: beyond rotation.keep 1 (version v1)");
    CHECK(changes[1].references == std::vector<std::string>{"demo/u"});

    d.rotation->retire = "deactivate";
    changes = diff(state_of({d}), LiveState{{current, v1}, {}});
    CHECK(changes[1].action == Action::update);
    CHECK(changes[1].attributes ==
          std::vector<AttributeChange>{{"status", "active", "deactivated"}});
  }

  TEST_CASE("diff: the output order is stable") {
    auto a = desired_image("a"), b = desired_image("b");
    auto first = diff(state_of({a, b}), LiveState{});
    auto second = diff(state_of({a, b}), LiveState{});
    REQUIRE(first.size() == 2);
    CHECK(first[0].key == "a");
    CHECK(second[1].key == "b");
  }

  TEST_CASE("diff: a URL source without a digest is replaced when its release label changes") {
    DesiredImage d = desired_image("plain");
    d.source->file.clear();
    d.source->url = "https://mirror/plain.img";
    d.source->version = "2024-02-01 00:00";
    Image live = live_image(d, "id-1");
    d.source->checksum.reset();
    live.properties[labels::k_version] = "2024-02-01 00:00";
    CHECK(diff(state_of({d}), LiveState{{live}, {}}).front().action == Action::no_op);

    d.source->version = "2024-03-01 00:00";  // the mirror's Last-Modified moved
    auto changes = diff(state_of({d}), LiveState{{live}, {}});
    REQUIRE(changes.size() == 1);
    CHECK(changes[0].action == Action::replace);
    CHECK(changes[0].reason == "source changed: version 2024-03-01 00:00");
    d.rotation = Rotation{1, "delete"};
    changes = diff(state_of({d}), LiveState{{live}, {}});
    CHECK(changes[0].action == Action::rotate);
    CHECK(changes[0].reason == "new source version 2024-03-01 00:00");
  }

  TEST_CASE("diff: rotated versions never share a name") {
    auto d = desired_image("c9");
    d.name = "CentOS Stream 9";
    d.rotation = Rotation{3, "hide"};
    d.source->version = "9.0";
    Image current = live_image(d, "cur");
    current.properties[labels::k_version] = "9.0";
    current.properties[labels::k_digest] = "sha256:1234abcd" + std::string(56, '0');
    d.source->checksum = Digest{HashAlgo::sha256, std::string(64, 'f')};  // re-spun upstream

    // No kept version has the name yet: the plain one.
    auto changes = diff(state_of({d}), LiveState{{current}, {}});
    CHECK(changes[0].action == Action::rotate);
    CHECK(changes[0].reason == "new digest, same version 9.0");
    CHECK(changes[0].previous_name == "CentOS Stream 9 (9.0)");

    // An earlier spin of 9.0 is kept under that name: the digest tells them apart, the same
    // in every plan.
    Image spun = live_image(d, "spun");
    spun.name = "CentOS Stream 9 (9.0)";
    spun.properties[labels::k_version] = "9.0";
    spun.properties[labels::k_previous] = "2026-01-02T00:00:00.000Z";
    changes = diff(state_of({d}), LiveState{{current, spun}, {}});
    CHECK(changes[0].previous_name == "CentOS Stream 9 (9.0, 1234abcd)");
    CHECK(diff(state_of({d}), LiveState{{current, spun}, {}})[0].previous_name ==
          changes[0].previous_name);

    // That name is taken too (the same bytes were published twice): a counter.
    Image again = spun;
    again.id = "again";
    again.name = "CentOS Stream 9 (9.0, 1234abcd)";
    changes = diff(state_of({d}), LiveState{{current, spun, again}, {}});
    CHECK(changes[0].previous_name == "CentOS Stream 9 (9.0, 1234abcd, 2)");

    // A new version is named as before.
    d.source->version = "9.1";
    changes = diff(state_of({d}), LiveState{{current, spun}, {}});
    CHECK(changes[0].reason == "new source version 9.1");
  }

  TEST_CASE("diff: kept versions that already share a name are told apart; the oldest keeps it") {
    auto d = desired_image("c9");
    d.name = "CentOS Stream 9";
    d.rotation = Rotation{2, "hide"};
    Image current = live_image(d, "cur");
    auto version = [&](const std::string& id, const std::string& created, char digest) {
      Image v = live_image(d, id);
      v.name = "CentOS Stream 9 (9.0)";
      v.visibility = "private";
      v.hidden = true;
      v.created_at = created;
      v.properties[labels::k_version] = "9.0";
      v.properties[labels::k_previous] = created;
      v.properties[labels::k_digest] = "sha256:" + std::string(64, digest);
      return v;
    };
    Image older = version("older", "2026-01-01T00:00:00Z", '1');
    Image newer = version("newer", "2026-02-01T00:00:00Z", '2');
    auto changes = diff(state_of({d}), LiveState{{current, newer, older}, {}});
    REQUIRE(changes.size() == 2);
    CHECK(changes[0].action == Action::no_op);
    CHECK(changes[1].action == Action::update);
    CHECK(changes[1].live->id == "newer");
    CHECK(changes[1].reason == "another kept version is also named \"CentOS Stream 9 (9.0)\"");
    CHECK(changes[1].attributes ==
          std::vector<AttributeChange>{
              {"name", "CentOS Stream 9 (9.0)", "CentOS Stream 9 (9.0, 22222222)"}});

    // Past keep, the rename comes with the retirement.
    d.rotation = Rotation{1, "deactivate"};
    changes = diff(state_of({d}), LiveState{{current, newer, older}, {}});
    REQUIRE(changes.size() == 3);
    CHECK(changes[1].live->id == "newer");
    CHECK(changes[1].attributes.size() == 1);
    CHECK(changes[2].live->id == "older");
    CHECK(changes[2].reason == "retired: beyond rotation.keep 1 (version 9.0)");
    CHECK(changes[2].attributes ==
          std::vector<AttributeChange>{{"status", "active", "deactivated"}});
  }

  TEST_CASE("diff: a new version: alone updates the release label") {
    auto d = desired_image("u");
    d.source->version = "1.4";
    d.field_pos.set("source.version", SourcePos{"m.yaml", 9, 7});
    Image live = live_image(d, "id-1");
    live.properties[labels::k_version] = "1.4";
    CHECK(diff(state_of({d}), LiveState{{live}, {}})[0].action == Action::no_op);

    d.source->version = "1.4.1";  // the same data, relabelled
    auto changes = diff(state_of({d}), LiveState{{live}, {}});
    REQUIRE(changes.size() == 1);
    CHECK(changes[0].action == Action::update);
    CHECK(changes[0].attributes ==
          std::vector<AttributeChange>{{"properties.glancer.version", "1.4", "1.4.1"}});

    // A version the manifest does not give (a file's modification time) is no release.
    d.field_pos = {};
    CHECK(diff(state_of({d}), LiveState{{live}, {}})[0].action == Action::no_op);
  }

  TEST_CASE("diff: rotation.keep 0 retires the superseded image in the same plan") {
    auto d = desired_image("cirros");
    d.visibility = "public";
    d.rotation = Rotation{0, "hide"};
    Image current = live_image(d, "cur");
    current.properties[labels::k_version] = "0.3.6";
    d.source->checksum = Digest{HashAlgo::sha256, std::string(64, 'f')};
    auto changes = diff(state_of({d}), LiveState{{current}, {}});
    REQUIRE(changes.size() == 2);
    CHECK(changes[0].action == Action::rotate);
    CHECK(changes[1].action == Action::update);
    CHECK(changes[1].live->id == "cur");
    CHECK(changes[1].references == std::vector<std::string>{"demo/cirros"});
    CHECK(changes[1].attributes == std::vector<AttributeChange>{{"visibility", "public", "private"},
                                                                {"hidden", false, true}});

    // retire: delete would delete it at once: that is a replace.
    d.rotation->retire = "delete";
    changes = diff(state_of({d}), LiveState{{current}, {}});
    REQUIRE(changes.size() == 1);
    CHECK(changes[0].action == Action::replace);
  }

}  // TEST_SUITE
