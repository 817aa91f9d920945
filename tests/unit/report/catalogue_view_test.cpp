#include "report/catalogue_view.h"

#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "support/test_data.h"

using namespace glancer;

namespace {

// Two images, one with previous versions, and values that must be escaped in every format.
Catalogue sample() {
  Catalogue c;
  c.target = "glance https://glance.example:9292";
  c.generated_at = "2026-12-01T08:00:00Z";
  CatalogueImage u;
  u.set = "public-catalogue";
  u.key = "ubuntu-24.04";
  u.name = "Ubuntu 24.04";
  u.id = "6c9c1a2e-0000-4000-8000-000000000003";
  u.visibility = "public";
  u.os_distro = "ubuntu";
  u.os_version = "24.04";
  u.architecture = "x86_64";
  u.login_user = "ubuntu";
  u.build_date = "2026-11-20 06:00";
  u.provided_until = "notice";
  u.min_disk = 10;
  u.min_ram = 512;
  u.description = "Ubuntu <LTS> & \"friends\" | *not bold*";
  u.previous = {
      {"Ubuntu 24.04 20261020", "6c9c1a2e-0000-4000-8000-000000000002", "2026-10-20 06:00", false},
      {"Ubuntu 24.04 20260920", "6c9c1a2e-0000-4000-8000-000000000001", "2026-09-20 06:00", true}};
  CatalogueImage d;
  d.set = "public-catalogue";
  d.key = "debian-12";
  d.name = "Debian 12 <script>alert(1)</script>";
  d.id = "6c9c1a2e-0000-4000-8000-000000000004";
  d.visibility = "public";
  d.os_distro = "debian";
  d.os_version = "12";
  d.architecture = "aarch64";
  d.build_date = "2026-11-01 00:00";
  d.min_disk = 2;
  d.min_ram = 64;
  c.images = {u, d};
  return c;
}

// Compares with tests/data/golden/NAME; GLANCER_UPDATE_GOLDEN=1 rewrites it instead.
void check_golden(const std::string& name, const std::string& text) {
  const std::string path = glancer::testing::test_data_dir().string() + "/golden/" + name;
  if (std::getenv("GLANCER_UPDATE_GOLDEN")) std::ofstream(path, std::ios::binary) << text;
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in, "missing golden file " << path);
  std::stringstream want;
  want << in.rdbuf();
  CHECK_MESSAGE(text == want.str(), "differs from " << path);
}

}  // namespace

TEST_CASE("catalogue view: json") {
  auto j = catalogue_to_json(sample());
  CHECK(j["format_version"] == 1);
  CHECK(j["images"].size() == 2);
  CHECK(j["images"][0]["previous"][1]["hidden"] == true);
  CHECK(j["images"][1]["login_user"].is_null());
  CHECK(j["images"][1]["provided_until"].is_null());
  check_golden("catalogue.json", render_catalogue(sample(), CatalogueFormat::json));
}

TEST_CASE("catalogue view: markdown escapes every value") {
  const std::string md = render_catalogue(sample(), CatalogueFormat::markdown);
  CHECK(md.find("<script>") == std::string::npos);
  CHECK(md.find("&lt;LTS&gt; &amp; &quot;friends&quot; \\| \\*not bold\\*") != std::string::npos);
  CHECK(md.find("| Ubuntu 24.04 20260920 | 6c9c1a2e-0000-4000-8000-000000000001 | "
                "2026-09-20 06:00 | yes |") != std::string::npos);
  check_golden("catalogue.markdown", md);
}

TEST_CASE("catalogue view: html is self-contained, escaped and made for phones") {
  const std::string html = render_catalogue(sample(), CatalogueFormat::html);
  CHECK(html.find("<meta name=\"viewport\"") != std::string::npos);
  CHECK(html.find("@media (max-width:") != std::string::npos);
  for (const char* external : {"src=", "href=", "@import", "url("})
    CHECK_MESSAGE(html.find(external) == std::string::npos, external);
  CHECK(html.find("<script>alert") == std::string::npos);
  CHECK(html.find("Debian 12 &lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
  CHECK(html.find("Ubuntu &lt;LTS&gt; &amp; &quot;friends&quot;") != std::string::npos);
  check_golden("catalogue.html", html);
}

TEST_CASE("catalogue view: formats by name") {
  CHECK(parse_catalogue_format("html") == CatalogueFormat::html);
  CHECK(parse_catalogue_format("json") == CatalogueFormat::json);
  CHECK(parse_catalogue_format("markdown") == CatalogueFormat::markdown);
  CHECK_FALSE(parse_catalogue_format("human"));
}
