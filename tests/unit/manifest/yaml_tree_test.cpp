#include "manifest/yaml_tree.h"

#include <doctest/doctest.h>

#include <string>

using glancer::manifest::parse_yaml;
using glancer::manifest::YamlNode;
using glancer::manifest::YamlProblem;
using glancer::manifest::YamlStream;

namespace {

const YamlNode& value_of(const YamlNode& map, const std::string& key) {
  for (const auto& entry : map.entries())
    if (entry.key->scalar() == key) return *entry.value;
  FAIL("no key " << key);
  throw;
}

}  // namespace

TEST_SUITE("manifest") {
  TEST_CASE("yaml tree: kinds, tags and nulls read as the loader expects") {
    YamlStream yaml;
    REQUIRE_FALSE(
        parse_yaml("a: plain\nb: 'quoted'\nc: !!str 12\nd: ~\ne:\nf: null\ng: '~'\n"
                   "h: |\n  block\ni: [x, y]\nj: {k: v}\n",
                   100, yaml));
    REQUIRE(yaml.documents.size() == 1);
    const YamlNode& root = *yaml.documents[0];
    REQUIRE(root.is_map());
    CHECK(root.entries().size() == 10);
    CHECK(value_of(root, "a").tag() == "?");
    CHECK(value_of(root, "a").scalar() == "plain");
    CHECK(value_of(root, "b").tag() == "!");
    CHECK(value_of(root, "c").tag() == "tag:yaml.org,2002:str");
    CHECK(value_of(root, "c").scalar() == "12");
    CHECK(value_of(root, "d").is_null());
    CHECK(value_of(root, "e").is_null());
    CHECK(value_of(root, "f").is_null());
    CHECK(value_of(root, "g").is_scalar());  // quoted: a string, not null
    CHECK(value_of(root, "h").tag() == "!");
    CHECK(value_of(root, "h").scalar() == "block\n");
    CHECK(value_of(root, "i").items().size() == 2);
    CHECK(value_of(root, "j").is_map());
    // Marks are 0-based: `i`'s list starts on line 9 (1-based), column 4.
    CHECK(value_of(root, "i").mark().line == 9);
    CHECK(value_of(root, "i").mark().column == 3);
  }

  TEST_CASE("yaml tree: an alias is the anchored node itself, anchors are per document") {
    YamlStream yaml;
    REQUIRE_FALSE(parse_yaml("a: &l [1, 2]\nb: *l\n---\n---\nc: 1\n", 100, yaml));
    REQUIRE(yaml.documents.size() == 3);
    const YamlNode& first = *yaml.documents[0];
    CHECK(&value_of(first, "a") == &value_of(first, "b"));
    CHECK(yaml.documents[1]->is_null());  // an empty document

    auto problem = parse_yaml("a: &l [1]\n---\nb: *l\n", 100, yaml);
    REQUIRE(problem);
    CHECK(problem->kind == YamlProblem::Kind::syntax);
    CHECK(problem->at.line == 2);
  }

  TEST_CASE("yaml tree: a recursive alias is refused, never a cycle") {
    YamlStream yaml;
    auto problem = parse_yaml("a: &r [1, *r]\n", 100, yaml);
    REQUIRE(problem);
    CHECK(problem->message == "alias *r names no complete anchored node before it");
  }

  TEST_CASE("yaml tree: the node and depth bounds stop the parse where they are crossed") {
    YamlStream yaml;
    auto problem = parse_yaml("[1, 2, 3, 4, 5]\n", 5, yaml);
    REQUIRE(problem);
    CHECK(problem->kind == YamlProblem::Kind::too_many_nodes);
    CHECK(problem->at.column == 13);  // the fifth scalar, the sixth node
    CHECK(yaml.nodes.size() == 5);

    YamlStream deep;
    problem = parse_yaml(std::string(1000, '[') + std::string(1000, ']'), 100000, deep);
    REQUIRE(problem);
    CHECK(problem->kind == YamlProblem::Kind::too_deep);
    CHECK(problem->at.column == int(glancer::manifest::k_max_yaml_depth));
  }

  TEST_CASE("yaml tree: a syntax error names libyaml's problem and context") {
    YamlStream yaml;
    auto problem = parse_yaml("a: [1, 2\nb: 3\n", 100, yaml);
    REQUIRE(problem);
    CHECK(problem->kind == YamlProblem::Kind::syntax);
    CHECK(problem->message.find("while parsing a flow sequence started at 1:4") !=
          std::string::npos);
  }
}
