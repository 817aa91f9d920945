// Checks across images: references resolved and recorded, cycles, names unique in a set.

#include "manifest/references.h"

#include <doctest/doctest.h>

#include "manifest_test_util.h"

using namespace glancer;
using namespace glancer::test;

using Messages = std::vector<std::string>;

namespace {

std::string set_doc(const std::string& set, const std::string& images) {
  return "apiVersion: glancer/v1\nkind: ImageSet\nmetadata: {name: " + set + "}\nimages:\n" +
         images;
}

}  // namespace

TEST_SUITE("manifest") {
  TEST_CASE("references: tokens parse as the planner parses them") {
    auto t =
        glancer::manifest::scan_references("a ${image.k.id} b ${image.s/k2.id}${image.x} ${other}");
    REQUIRE(t.size() == 3);
    CHECK(t[0].key == "k");
    CHECK(t[0].set.empty());
    CHECK_FALSE(t[0].malformed);
    CHECK(t[1].set == "s");
    CHECK(t[1].key == "k2");
    CHECK(t[2].malformed);
    CHECK(t[2].text == "${image.x}");
    CHECK(glancer::manifest::scan_references("${image.ubuntu-20.04.id}")[0].key == "ubuntu-20.04");
    CHECK(glancer::manifest::scan_references("${image.k.id")[0].malformed);
    CHECK(glancer::manifest::scan_references("${image./k.id}")[0].malformed);
    CHECK(glancer::manifest::scan_references("no refs, ${HOME}").empty());
  }

  TEST_CASE("references: each token's place in the value, edge cases") {
    using glancer::manifest::scan_references;
    auto t = scan_references("x ${image.k.id} y");
    REQUIRE(t.size() == 1);
    CHECK(t[0].offset == 2);
    CHECK(t[0].length == 13);
    CHECK(t[0].text == "${image.k.id}");
    // The first `/` ends the set; a key may hold more (set names never do).
    t = scan_references("${image.s/a/b.id}");
    REQUIRE(t.size() == 1);
    CHECK(t[0].set == "s");
    CHECK(t[0].key == "a/b");
    CHECK_FALSE(t[0].malformed);
    // An empty set or key is malformed, not a key of the same set.
    CHECK(scan_references("${image./k.id}")[0].malformed);
    CHECK(scan_references("${image.s/.id}")[0].malformed);
    CHECK(scan_references("${image..id}")[0].malformed);
    CHECK(scan_references("${image.k}.id}")[0].malformed);  // the token ends at the first `}`
    // Unclosed: the token runs to the end of the value.
    t = scan_references("a ${image.k.id");
    REQUIRE(t.size() == 1);
    CHECK(t[0].malformed);
    CHECK(t[0].offset == 2);
    CHECK(t[0].length == 12);
    // Overlapping tokens are both reported; the key `k.id` is well-formed.
    t = scan_references("${image.a${image.b.id}");
    REQUIRE(t.size() == 2);
    CHECK(t[0].key == "a${image.b");
    CHECK(t[1].offset == 9);
    CHECK(t[1].key == "b");
    CHECK(scan_references("${image.k.id.id}")[0].key == "k.id");
  }

  TEST_CASE(
      "references: a key with `/` is referenced with its set; `${image./k.id}` is malformed") {
    auto loaded = load_text(test::manifest(R"(  - name: a/b
  - name: k
  - name: user
    properties:
      x: "${image.s/a/b.id}"
      y: "${image./k.id}"
      z: "${image.a/b.id}"
)"));
    CHECK(messages(loaded.diags) ==
          Messages{"m.yaml:11:7: error: property `y` has a malformed reference `${image./k.id}`; "
                   "write `${image.KEY.id}` or `${image.SET/KEY.id}`",
                   "m.yaml:12:7: error: property `z` references image `b` of set `a`, which is "
                   "not loaded"});
    const DesiredImage* user = loaded.state.find("s", "user");
    REQUIRE(user != nullptr);
    CHECK(user->references == std::vector<ImageRef>{{"x", "s", "a/b", {"m.yaml", 10, 7}}});
  }

  TEST_CASE("references: resolved into DesiredImage::references, text left as written") {
    auto loaded = load_text(test::manifest(R"(  - name: kernel
  - name: ramdisk
  - name: ami
    properties:
      kernel_id: "${image.kernel.id}"
      ramdisk_id: "${image.ramdisk.id}"
      note: "boots ${image.kernel.id}"
)"));
    CHECK(messages(loaded.diags).empty());
    const DesiredImage* ami = loaded.state.find("s", "ami");
    REQUIRE(ami != nullptr);
    CHECK(ami->properties.at("kernel_id") == "${image.kernel.id}");
    CHECK(ami->references ==
          std::vector<ImageRef>{{"kernel_id", "s", "kernel", {"m.yaml", 10, 7}},
                                {"note", "s", "kernel", {"m.yaml", 12, 7}},
                                {"ramdisk_id", "s", "ramdisk", {"m.yaml", 11, 7}}});
    CHECK(loaded.state.find("s", "kernel")->references.empty());
  }

  TEST_CASE("references: the same set first, then the only set with the key, or SET/KEY") {
    auto loaded = load_text(set_doc("a", "  - name: k\n  - name: only-a\n") + "---\n" +
                            set_doc("b",
                                    "  - name: k\n  - name: user\n    properties:\n"
                                    "      x: \"${image.k.id}\"\n"
                                    "      y: \"${image.only-a.id}\"\n"
                                    "      z: \"${image.a/k.id}\"\n"));
    CHECK(messages(loaded.diags).empty());
    const DesiredImage* user = loaded.state.find("b", "user");
    REQUIRE(user != nullptr);
    REQUIRE(user->references.size() == 3);
    CHECK(user->references[0].set == "b");  // its own set wins over set a
    CHECK(user->references[1].set == "a");  // the only image with that key
    CHECK(user->references[2].set == "a");  // named explicitly
  }

  TEST_CASE("references: a cycle is named once, from its smallest image, across sets too") {
    CHECK(errors_of(test::manifest(R"(  - name: b
    properties: {kernel_id: "${image.a.id}"}
  - name: a
    properties: {kernel_id: "${image.b.id}"}
  - name: c
    properties: {kernel_id: "${image.a.id}"}
)")) == Messages{"m.yaml:9:18: error: reference cycle: a -> b -> a"});
    CHECK(errors_of(set_doc("y", "  - name: k\n    properties: {p: \"${image.x/k.id}\"}\n") +
                    "---\n" +
                    set_doc("x", "  - name: k\n    properties: {p: \"${image.y/k.id}\"}\n")) ==
          Messages{"m.yaml:13:18: error: reference cycle: x/k -> y/k -> x/k"});
  }

  TEST_CASE("references: a bad reference in defaults is reported once, not per image") {
    CHECK(errors_of("apiVersion: glancer/v1\nkind: ImageSet\nmetadata: {name: s}\n"
                    "defaults: {properties: {kernel_id: \"${image.kernal.id}\"}}\n"
                    "images:\n  - name: kernel\n    properties: {kernel_id: \"\"}\n"
                    "  - name: one\n  - name: two\n") ==
          Messages{"m.yaml:4:25: error: property `kernel_id` references unknown image `kernal`; "
                   "did you mean `kernel`?"});
  }

  TEST_CASE("names: unique within a set, free across sets") {
    CHECK(errors_of(set_doc("a", "  - {key: k1, name: N}\n") + "---\n" +
                    set_doc("b", "  - {key: k2, name: N}\n"))
              .empty());
  }
}  // TEST_SUITE
