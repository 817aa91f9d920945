// `source.track`: read into ImageSource::track, every mistake a located error.

#include <doctest/doctest.h>

#include "manifest/loader.h"
#include "manifest_test_util.h"

using namespace glancer;
using namespace glancer::test;

using Messages = std::vector<std::string>;

namespace {

// An image with a pinned url source and `track` lines below it (indented by 6).
std::string tracked(const std::string& track_lines) {
  return manifest(
      "  - name: u\n"
      "    source:\n"
      "      url: https://m.example/rel/release-20240101/u.img\n"
      "      checksum: sha256:" +
      std::string(64, 'a') +
      "\n"
      "      version: \"20240101\"\n"
      "      track:\n" +
      track_lines);
}

}  // namespace

TEST_SUITE("manifest") {
  TEST_CASE("track: read with its fields, never changing the pins") {
    Loaded l =
        load_text(tracked("        index: https://m.example/rel/\n"
                          "        match: 'release-(\\d{8})/'\n"
                          "        url: '{base}release-{version}/u.img'\n"
                          "        checksum_url: '{base}release-{version}/SHA256SUMS'\n"));
    REQUIRE(messages(l.diags) == Messages{});
    const DesiredImage& u = l.state.images.at(0);
    REQUIRE(u.source->track);
    CHECK(u.source->track->index == "https://m.example/rel/");
    CHECK(u.source->track->match == "release-(\\d{8})/");
    CHECK(u.source->track->url == "{base}release-{version}/u.img");
    CHECK(u.source->track->checksum_url == "{base}release-{version}/SHA256SUMS");
    CHECK(u.source->url == "https://m.example/rel/release-20240101/u.img");
    CHECK(u.source->version == "20240101");
    CHECK(u.pos("source.track.match") == SourcePos{"m.yaml", 13, 9});
  }

  TEST_CASE("track: a bad regex, a regex without a group, a missing field are located") {
    CHECK(errors_of(tracked("        index: https://m.example/rel/\n"
                            "        match: 'release-(\\d{8}/'\n")) ==
          Messages{"m.yaml:13:16: error: `track.match` is not a valid ECMAScript regular "
                   "expression (Mismatched '(' and ')' in regular expression): "
                   "`release-(\\d{8}/`"});
    CHECK(errors_of(tracked("        index: https://m.example/rel/\n"
                            "        match: 'release-\\d{8}/'\n")) ==
          Messages{"m.yaml:13:16: error: `track.match` needs a capture group for the version, "
                   "e.g. 'release-(\\d{8})/'"});
    CHECK(errors_of(tracked("        match: '(x)'\n")) ==
          Messages{"m.yaml:11:7: error: `track` needs `index`"});
    CHECK(errors_of(tracked("        index: ftp://m.example/\n        match: '(x)'\n"
                            "        url: '{base}{release}'\n        mirror: x\n")) ==
          Messages{"m.yaml:12:16: error: `track.index` must be an http:// or https:// URL; got "
                   "`ftp://m.example/`",
                   "m.yaml:14:14: error: `track.url` has the unknown placeholder `{release}`; "
                   "use {base}, {name} or {version}",
                   "m.yaml:15:9: error: unknown field `mirror`"});
  }

  TEST_CASE("track: needs a url source") {
    CHECK(errors_of(manifest("  - name: f\n    source:\n      file: images/cirros.img\n"
                             "      track: {index: 'https://m.example/', match: '(x)'}\n")) ==
          Messages{"m.yaml:9:7: error: `track` needs a `url` source"});
  }
}
