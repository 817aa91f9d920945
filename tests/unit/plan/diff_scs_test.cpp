// Rotation under scs-0102: the demoted version is named "<name> <YYYYMMDD>" after its build
// date and a generic one becomes oldgeneric; the current image keeps the canonical name.
#include <doctest/doctest.h>

#include "diff_fixture.h"
#include "plan/labels.h"

namespace glancer::diff_test {

TEST_SUITE("plan") {
  TEST_CASE("diff scs-0102: a demoted version is named by its build date and becomes oldgeneric") {
    auto d = desired_image("deb");
    d.name = "Debian 12";
    d.standards = {"scs-0102"};
    d.rotation = Rotation{2, "hide"};
    d.properties = {{"os_purpose", "generic"}, {"image_build_date", "2026-02-01 10:00"}};
    Image current = live_image(d, "cur");
    current.properties["image_build_date"] = "2026-01-05 08:00";
    current.properties[labels::k_version] = "20260105";
    current.properties[labels::k_digest] = "sha256:1234abcd" + std::string(56, '0');
    d.source->checksum = Digest{HashAlgo::sha256, std::string(64, 'f')};
    d.source->version = "20260201";

    auto changes = diff(state_of({d}), LiveState{{current}, {}});
    REQUIRE(changes.size() == 1);
    CHECK(changes[0].action == Action::rotate);
    CHECK(changes[0].name == "Debian 12");
    CHECK(changes[0].previous_name == "Debian 12 20260105");
    CHECK(changes[0].attributes.back() ==
          AttributeChange{"previous.os_purpose", "generic", "oldgeneric"});

    // The name is taken (two builds of one day): the digest's start follows, one word.
    Image same_day = live_image(d, "old");
    same_day.name = "Debian 12 20260105";
    same_day.properties[labels::k_previous] = "2026-01-05T09:00:00.000Z";
    changes = diff(state_of({d}), LiveState{{current, same_day}, {}});
    CHECK(changes[0].previous_name == "Debian 12 20260105-1234abcd");

    // Without the standard: the release label in parentheses, os_purpose untouched.
    d.standards.clear();
    changes = diff(state_of({d}), LiveState{{current}, {}});
    CHECK(changes[0].previous_name == "Debian 12 (20260105)");
    CHECK(changes[0].attributes.back().path == "previous.name");
  }

  TEST_CASE("diff scs-0102: without a build date the version's date, else the creation day") {
    auto d = desired_image("c");
    d.name = "Cirros";
    d.standards = {"scs-0102"};
    d.rotation = Rotation{1, "hide"};
    Image current = live_image(d, "cur");
    current.properties[labels::k_version] = "0.3.6";
    current.created_at = "2025-07-08T09:10:11Z";
    d.source->checksum = Digest{HashAlgo::sha256, std::string(64, 'f')};
    CHECK(diff(state_of({d}), LiveState{{current}, {}})[0].previous_name == "Cirros 20250708");
    current.properties[labels::k_version] = "2024-03-04 05:06";
    CHECK(diff(state_of({d}), LiveState{{current}, {}})[0].previous_name == "Cirros 20240304");
  }
}

}  // namespace glancer::diff_test
