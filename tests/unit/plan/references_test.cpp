// The planner's substitution of `${image.KEY.id}`: it parses with manifest::scan_references,
// so it substitutes exactly the tokens validation accepted.

#include "plan/references.h"

#include <doctest/doctest.h>

#include <map>
#include <string>
#include <vector>

using namespace glancer;

namespace {

// Substitutes from `ids` (keyed "SET/KEY", or "KEY" without a set) and records every token
// the planner asked about.
struct Lookup {
  std::map<std::string, std::string> ids;
  std::vector<std::string> asked;

  std::string operator()(const std::string& text) {
    return substitute_references(text, [this](const ReferenceToken& t) {
      std::string ref = t.set.empty() ? t.key : t.set + "/" + t.key;
      asked.push_back(ref);
      auto it = ids.find(ref);
      return it == ids.end() ? std::nullopt : std::optional<std::string>(it->second);
    });
  }
};

}  // namespace

TEST_SUITE("plan") {
  TEST_CASE("references: well-formed tokens are substituted, the rest copied") {
    Lookup lookup{{{"k", "ID-K"}, {"s/k", "ID-SK"}, {"s/a/b", "ID-AB"}}, {}};
    CHECK(lookup("pre ${image.k.id} mid ${image.s/k.id} post") == "pre ID-K mid ID-SK post");
    CHECK(lookup("${image.s/a/b.id}") == "ID-AB");  // a key with `/`, written with its set
    CHECK(lookup("${image.nope.id} and ${image.k.id}") == "${image.nope.id} and ID-K");
    CHECK(lookup("${HOME} ${image.k} ${image.k.id") == "${HOME} ${image.k} ${image.k.id");
    CHECK(lookup.asked == std::vector<std::string>{"k", "s/k", "s/a/b", "nope", "k"});
  }

  TEST_CASE("references: an empty set or key is malformed and never looked up") {
    // Before manifest and plan shared one parser, the planner read `${image./k.id}` as the key
    // `k` of the image's own set while validation reported it malformed.
    Lookup lookup{{{"k", "ID-K"}}, {}};
    CHECK(lookup("${image./k.id}") == "${image./k.id}");
    CHECK(lookup("${image.k/.id}") == "${image.k/.id}");
    CHECK(lookup.asked.empty());
  }

  TEST_CASE("references: overlapping tokens substitute once, never duplicating text") {
    Lookup inner{{{"b", "ID-B"}}, {}};
    CHECK(inner("${image.a${image.b.id}") == "${image.aID-B");
    CHECK(inner.asked == std::vector<std::string>{"a${image.b", "b"});
    Lookup outer{{{"a${image.b", "ID-OUTER"}, {"b", "ID-B"}}, {}};
    CHECK(outer("x${image.a${image.b.id}y") == "xID-OUTERy");
    CHECK(outer.asked == std::vector<std::string>{"a${image.b"});
  }
}
