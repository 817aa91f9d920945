#include "plan/catalogue.h"

#include <doctest/doctest.h>

#include "diff_fixture.h"

namespace glancer {
namespace {

using diff_test::desired_image;
using diff_test::live_image;

// The live images of key `ubuntu` after two rotations, plus noise that must not show.
LiveState rotated(const DesiredImage& d) {
  LiveState live;
  Image current = live_image(d, "id-3");
  current.properties["image_build_date"] = "2026-11-01 10:00";
  current.properties["os_admin_user"] = "admin";  // image_original_user wins
  current.properties["image_original_user"] = "ubuntu";
  Image older = live_image(d, "id-1");
  older.name = "Ubuntu 20260901";
  older.hidden = true;
  older.properties[labels::k_previous] = "2026-10-01T00:00:00Z";
  older.properties["image_build_date"] = "2026-09-01 10:00";
  Image newer = live_image(d, "id-2");
  newer.name = "Ubuntu 20261001";
  newer.properties[labels::k_previous] = "2026-11-01T00:00:00Z";
  newer.properties.erase("image_build_date");
  newer.created_at = "2026-10-01T12:00:00Z";
  Image pending = live_image(d, "id-4");
  pending.properties[labels::k_pending] = "2026-11-02T00:00:00Z";
  Image other_set = live_image(d, "id-5");
  other_set.properties[labels::k_set] = "elsewhere";
  Image unlabelled = live_image(d, "id-6");
  unlabelled.properties.clear();
  live.images = {older, pending, current, other_set, newer, unlabelled};
  return live;
}

TEST_CASE("catalogue: the current image with its previous versions, newest superseded first") {
  DesiredState desired;
  desired.images.push_back(desired_image("ubuntu"));
  desired.images[0].name = "Ubuntu";
  Catalogue c = build_catalogue(desired, rotated(desired.images[0]));
  REQUIRE(c.images.size() == 1);
  const CatalogueImage& i = c.images[0];
  CHECK(i.id == "id-3");
  CHECK(i.set == "demo");
  CHECK(i.key == "ubuntu");
  CHECK(i.login_user == "ubuntu");
  CHECK(i.build_date == "2026-11-01 10:00");
  REQUIRE(i.previous.size() == 2);
  CHECK(i.previous[0].id == "id-2");
  CHECK(i.previous[0].build_date == "2026-10-01T12:00:00Z");  // no build date: created_at
  CHECK_FALSE(i.previous[0].hidden);
  CHECK(i.previous[1].id == "id-1");
  CHECK(i.previous[1].name == "Ubuntu 20260901");
  CHECK(i.previous[1].hidden);
}

TEST_CASE("catalogue: properties, login user from os_admin_user, images not live left out") {
  DesiredState desired;
  desired.images.push_back(desired_image("debian"));
  desired.images.push_back(desired_image("not-yet"));
  DesiredImage& d = desired.images[0];
  d.min_disk = 8;
  d.min_ram = 512;
  d.properties = {{"os_distro", "debian"},      {"os_version", "12"},
                  {"architecture", "x86_64"},   {"os_admin_user", "debian"},
                  {"provided_until", "notice"}, {"image_description", "Debian 12"}};
  LiveState live;
  live.images.push_back(live_image(d, "id-d"));
  Image queued = live_image(desired.images[1], "id-q");
  queued.status = "queued";  // not bootable
  live.images.push_back(queued);
  Catalogue c = build_catalogue(desired, live);
  REQUIRE(c.images.size() == 1);
  const CatalogueImage& i = c.images[0];
  CHECK(i.os_distro == "debian");
  CHECK(i.os_version == "12");
  CHECK(i.architecture == "x86_64");
  CHECK(i.login_user == "debian");
  CHECK(i.provided_until == "notice");
  CHECK(i.description == "Debian 12");
  CHECK(i.min_disk == 8);
  CHECK(i.min_ram == 512);
  CHECK(i.build_date == "2026-01-01T00:00:00Z");
  CHECK(i.previous.empty());
}

}  // namespace
}  // namespace glancer
