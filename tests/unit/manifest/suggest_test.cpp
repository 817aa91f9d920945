#include "manifest/suggest.h"

#include <doctest/doctest.h>

#include <array>
#include <string_view>

using namespace glancer;

TEST_SUITE("manifest") {
  TEST_CASE("suggest: the closest name within two edits") {
    CHECK(edit_distance("visiblity", "visibility") == 1);
    CHECK(edit_distance("", "abc") == 3);
    CHECK(edit_distance("kitten", "sitting") == 3);
    constexpr std::array<std::string_view, 3> names{"min_disk", "min_ram", "name"};
    CHECK(suggest("min_rma", names) == "min_ram");
    CHECK(suggest("nmae", names) == "name");
    CHECK_FALSE(suggest("colour", names).has_value());
    CHECK_FALSE(suggest("name", names).has_value());  // already right
    CHECK(did_you_mean("min_dsk", names) == "; did you mean `min_disk`?");
    CHECK(did_you_mean("zzz", names).empty());
  }

}  // TEST_SUITE
