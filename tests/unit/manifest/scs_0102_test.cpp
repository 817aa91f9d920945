// metadata.standards: [scs-0102]: the rules validate checks (each error names its rule and is
// placed at the property or the image), what glancer fills, and the uniqueness rule.

#include "manifest/scs_0102.h"

#include <doctest/doctest.h>

#include "manifest_test_util.h"

using namespace glancer;
using namespace glancer::test;

using Messages = std::vector<std::string>;

namespace {

// A scs-0102 set whose one image has `props` (indented 6) and `extra` fields (indented 4).
std::string scs_manifest(const std::string& props, const std::string& extra = "") {
  return "apiVersion: glancer/v1\nkind: ImageSet\nmetadata:\n  name: s\n  standards: [scs-0102]\n"
         "images:\n  - name: Debian 12\n    visibility: public\n" +
         extra + "    properties:\n" + props;
}

// Every property the standard requires, valid.
const std::string k_complete = R"(      architecture: x86_64
      os_distro: debian
      os_version: "12"
      hw_disk_bus: scsi
      replace_frequency: monthly
      provided_until: none
      image_description: https://docs.example/debian
      os_admin_user: debian
)";
const std::string k_sizes = "    min_disk: 8\n    min_ram: 512\n";

}  // namespace

TEST_SUITE("manifest") {
  TEST_CASE("scs-0102: a complete image validates; glancer fills what it derives") {
    auto loaded =
        load_text(scs_manifest(k_complete, k_sizes + "    source: {file: images/cirros.img}\n"
                                                     "    rotation: {keep: 2}\n"));
    CHECK(messages(loaded.diags).empty());
    REQUIRE(loaded.state.images.size() == 1);
    const DesiredImage& d = loaded.state.images[0];
    CHECK(d.standards == std::vector<std::string>{"scs-0102"});
    CHECK(d.properties.at("image_source") == "private");
    CHECK(d.properties.at("os_purpose") == "generic");
    CHECK(d.properties.at("uuid_validity") == "last-2");
    CHECK(d.properties.at("image_original_user") == "debian");
    CHECK_FALSE(d.properties.count("image_build_date"));  // needs the source: plan time
  }

  TEST_CASE("scs-0102: the manifest's own values win over what glancer fills") {
    auto loaded =
        load_text(scs_manifest(k_complete + R"(      image_source: https://cdimage.debian.org/
      os_purpose: minimal
      uuid_validity: forever
      image_original_user: admin
)",
                               k_sizes + "    source: {url: https://m.test/d.qcow2}\n"));
    CHECK_FALSE(loaded.diags.has_errors());  // a warning: the url has no checksum
    const DesiredImage& d = loaded.state.images.at(0);
    CHECK(d.properties.at("image_source") == "https://cdimage.debian.org/");
    CHECK(d.properties.at("os_purpose") == "minimal");
    CHECK(d.properties.at("uuid_validity") == "forever");
    CHECK(d.properties.at("image_original_user") == "admin");
    auto url =
        load_text(scs_manifest(k_complete, k_sizes + "    source: {url: https://m.test/x}\n"));
    CHECK(url.state.images.at(0).properties.at("image_source") == "https://m.test/x");
    CHECK(url.state.images.at(0).properties.at("uuid_validity") == "none");  // no rotation
  }

  TEST_CASE("scs-0102: each missing required property is an error naming its rule") {
    CHECK(errors_of(scs_manifest("      os_distro: debian\n")) ==
          Messages{
              "m.yaml:7:5: error: scs-0102-prop-architecture: image `Debian 12`: property "
              "`architecture` is required (one of x86_64, aarch64, risc-v)",
              "m.yaml:7:5: error: scs-0102-prop-os_version: image `Debian 12`: property "
              "`os_version` is required",
              "m.yaml:7:5: error: scs-0102-prop-hw_disk_bus: image `Debian 12`: property "
              "`hw_disk_bus` is required (one of virtio, scsi)",
              "m.yaml:7:5: error: scs-0102-prop-min_disk: image `Debian 12`: `min_disk` (GiB) "
              "is required",
              "m.yaml:7:5: error: scs-0102-prop-min_ram: image `Debian 12`: `min_ram` (MiB) is "
              "required",
              "m.yaml:7:5: error: scs-0102-prop-replace_frequency: image `Debian 12`: property "
              "`replace_frequency` is required (one of never, critical_bug, yearly, quarterly, "
              "monthly, weekly, daily)",
              "m.yaml:7:5: error: scs-0102-prop-provided_until: image `Debian 12`: property "
              "`provided_until` is required",
              "m.yaml:7:5: error: scs-0102-prop-image_description: image `Debian 12`: property "
              "`image_description` is required",
              "m.yaml:7:5: error: scs-0102-prop-image_original_user: image `Debian 12`: property "
              "`image_original_user` (or `os_admin_user`) is required: the user a customer logs "
              "in as"});
  }

  TEST_CASE("scs-0102: an invalid value is an error at the property") {
    CHECK(
        errors_of(scs_manifest(R"(      architecture: amd64
      os_distro: debian
      os_version: "12"
      hw_disk_bus: ide
      replace_frequency: fortnightly
      provided_until: soon
      image_description: d
      image_original_user: debian
      image_source: file:///srv/d.img
      image_build_date: 2024-13-01
      hypervisor_type: vbox
      hw_rng_model: random
      uuid_validity: last-two
      hotfix_hours: "1.5"
      os_purpose: desktop
)",
                               k_sizes)) ==
        Messages{"m.yaml:12:7: error: scs-0102-prop-architecture: image `Debian 12`: property "
                 "`architecture` must be one of x86_64, aarch64, risc-v; got `amd64`",
                 "m.yaml:15:7: error: scs-0102-prop-hw_disk_bus: image `Debian 12`: property "
                 "`hw_disk_bus` must be one of virtio, scsi; got `ide`",
                 "m.yaml:16:7: error: scs-0102-prop-replace_frequency: image `Debian 12`: property "
                 "`replace_frequency` must be one of never, critical_bug, yearly, quarterly, "
                 "monthly, weekly, daily; got `fortnightly`",
                 "m.yaml:17:7: error: scs-0102-prop-provided_until: image `Debian 12`: property "
                 "`provided_until` must be a date (YYYY-MM-DD), `none` or `notice`; got `soon`",
                 "m.yaml:20:7: error: scs-0102-prop-image_source: image `Debian 12`: property "
                 "`image_source` must be a URL (http, https, ftp, ftps) or `private`; got "
                 "`file:///srv/d.img`",
                 "m.yaml:21:7: error: scs-0102-prop-image_build_date: image `Debian 12`: property "
                 "`image_build_date` must be a UTC date `YYYY-MM-DD` or `YYYY-MM-DD hh:mm[:ss]`; "
                 "got `2024-13-01`",
                 "m.yaml:22:7: error: scs-0102-prop-hypervisor_type: image `Debian 12`: property "
                 "`hypervisor_type` must be one of qemu, kvm, xen, hyper-v, esxi; got `vbox`",
                 "m.yaml:23:7: error: scs-0102-prop-hw_rng_model: image `Debian 12`: property "
                 "`hw_rng_model` must be one of virtio; got `random`",
                 "m.yaml:24:7: error: scs-0102-prop-uuid_validity: image `Debian 12`: property "
                 "`uuid_validity` must be `none`, `notice`, `forever`, `last-N` or a date "
                 "(YYYY-MM-DD); got `last-two`",
                 "m.yaml:25:7: error: scs-0102-prop-hotfix_hours: image `Debian 12`: property "
                 "`hotfix_hours` must be a whole number of hours; got `1.5`",
                 "m.yaml:26:7: error: scs-0102-prop-os_purpose: image `Debian 12`: property "
                 "`os_purpose` must be one of generic, minimal, k8snode, gpu, network, custom, "
                 "oldgeneric; got `desktop`"});
  }

  TEST_CASE("scs-0102: min_ram below 64 MiB is a warning, not an error") {
    auto loaded = load_text(scs_manifest(k_complete, "    min_disk: 1\n    min_ram: 32\n"));
    CHECK(messages(loaded.diags) ==
          Messages{"m.yaml:10:5: warning: scs-0102-prop-min_ram: image `Debian 12`: `min_ram` is "
                   "32 MiB, below 64 MiB"});
    CHECK_FALSE(loaded.diags.has_errors());
  }

  TEST_CASE("scs-0102: defaults count; a set without the standard is not checked") {
    CHECK(errors_of(manifest("  - name: x\n")).empty());
    const std::string with_defaults =
        "apiVersion: glancer/v1\nkind: ImageSet\nmetadata: {name: s, standards: [scs-0102]}\n"
        "defaults:\n  min_disk: 8\n  min_ram: 512\n  properties:\n" +
        k_complete + "images:\n  - name: Debian 12\n";
    CHECK(errors_of(with_defaults).empty());
    CHECK(errors_of("apiVersion: glancer/v1\nkind: ImageSet\n"
                    "metadata: {name: s, standards: [scs-0103]}\nimages: []\n") ==
          Messages{"m.yaml:3:33: error: unknown standard `scs-0103` in `metadata.standards` "
                   "(known: scs-0102)"});
  }

  TEST_CASE("scs-0102: at most one public, visible generic image per architecture/distro/version") {
    const std::string two =
        "apiVersion: glancer/v1\nkind: ImageSet\nmetadata: {name: s, standards: [scs-0102]}\n"
        "defaults:\n  visibility: public\n  min_disk: 8\n  min_ram: 512\n  properties:\n" +
        k_complete + "images:\n  - name: Debian 12\n  - name: Debian 12 copy\n";
    CHECK(errors_of(two) ==
          Messages{"m.yaml:19:5: error: scs-0102-os_purpose-uniqueness: image `Debian 12 copy` is "
                   "the second public, visible image with os_purpose generic for x86_64 debian 12 "
                   "(the first is `s/Debian 12` at m.yaml:18:5); give one another os_purpose or "
                   "hide it"});
    CHECK(errors_of(two + "    hidden: true\n").empty());
    CHECK(errors_of(two + "    properties: {os_purpose: minimal}\n").empty());
    CHECK(errors_of(two + "    properties: {architecture: aarch64}\n").empty());
  }

  TEST_CASE("scs-0102: dates in the standard's forms") {
    using scs::parse_date;
    CHECK(parse_date("2024-02-29").has_value());
    CHECK_FALSE(parse_date("2023-02-29").has_value());
    CHECK(scs::format_build_date(*parse_date("2024-02-01 12:34")) == "2024-02-01 12:34");
    CHECK(scs::format_build_date(*parse_date("2024-02-01T12:34:56Z")) == "2024-02-01 12:34");
    CHECK(scs::format_build_date(*parse_date("2024-02-01 23:59:59")) == "2024-02-01 23:59");
    CHECK_FALSE(parse_date("2024-02-01 24:00").has_value());
    CHECK_FALSE(parse_date("20240201").has_value());
    CHECK(scs::format_build_date(*scs::parse_version_date("20240201")) == "2024-02-01 00:00");
    CHECK(scs::parse_version_date("20240201.1").has_value());
    CHECK_FALSE(scs::parse_version_date("0.3.6").has_value());
    CHECK_FALSE(scs::parse_version_date("20241301").has_value());
    CHECK(scs::frequency_period("weekly") == std::chrono::hours(175));
    CHECK_FALSE(scs::frequency_period("hourly").has_value());
  }
}
