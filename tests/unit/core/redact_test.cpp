// core/redact: secrets never reach output.
#include "core/redact.h"

#include <doctest/doctest.h>

namespace glancer {

TEST_SUITE("core") {
  TEST_CASE("redact: URLs lose userinfo and secret query values") {
    CHECK(redact_url("https://user:pa55@host:5000/v3?x=1") == "https://***@host:5000/v3?x=1");
    CHECK(redact_url("http://h/a?token=abc&limit=5&password=p") ==
          "http://h/a?token=***&limit=5&password=***");
    CHECK(redact_url("http://h/p@th") == "http://h/p@th");
  }
  TEST_CASE("redact: JSON secret fields, token ids, headers, known values") {
    auto j = nlohmann::json::parse(
        R"({"auth":{"identity":{"password":{"user":{"name":"u","password":"p"}},
      "application_credential":{"id":"i","secret":"s"},"token":{"id":"t"}}}})");
    auto r = redact_json(j);
    CHECK(r["auth"]["identity"]["password"]["user"]["password"] == "***");
    CHECK(r["auth"]["identity"]["password"]["user"]["name"] == "u");
    CHECK(r["auth"]["identity"]["application_credential"]["secret"] == "***");
    CHECK(r["auth"]["identity"]["application_credential"]["id"] == "i");
    CHECK(r["auth"]["identity"]["token"]["id"] == "***");
    CHECK(redact_header("X-Auth-Token: gAAAA") == "X-Auth-Token: ***");
    CHECK(redact_header("Content-Type: a/b") == "Content-Type: a/b");
    CHECK(redact_known("a s3cret b s3cret", {"s3cret", ""}) == "a *** b ***");
  }
}

}  // namespace glancer
