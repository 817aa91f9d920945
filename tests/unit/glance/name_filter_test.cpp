// Name filter values: what the client sends and what `glancer serve` reads back.
#include "glance/name_filter.h"

#include <doctest/doctest.h>

namespace glancer {

TEST_CASE("name filters: quoted in: batches within the size, eq: for quotes, each name once") {
  auto values = name_filter_values({"b", "a, x", "b", "", "q\"uote", "c"}, 12);
  CHECK(values == std::vector<std::string>{"in:\"a, x\"", "eq:q\"uote", "in:\"b\",\"c\""});
  for (const std::string& v : values) {
    if (v.rfind("in:", 0) != 0) continue;
    auto back = split_in_values(v.substr(3));
    REQUIRE(back.ok());
    CHECK(!back->empty());
  }
  auto round = split_in_values("\"a, x\",b,\"c\"");
  REQUIRE(round.ok());
  CHECK(*round == std::vector<std::string>{"a, x", "b", "c"});
  CHECK(name_filter_values({}, 100).empty());
}

TEST_CASE("name filters: Glance's quoting errors") {
  CHECK(!split_in_values("\"a").ok());
  CHECK(!split_in_values("\"a\"b").ok());
  CHECK(!split_in_values("a\"b\"").ok());
}

}  // namespace glancer
