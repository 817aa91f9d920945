// Validating callers' tokens with Keystone over a fake transport: the answer's parts, the
// cache (by expiry and max age), and what each Keystone answer becomes.
#include "cloud/token_check.h"

#include <doctest/doctest.h>

#include "support/manual_clock.h"

namespace glancer {

namespace {

/// Keystone's GET /v3/auth/tokens: knows the tokens in `valid`; counts calls.
struct FakeValidation : HttpTransport {
  int calls = 0;
  long status_override = 0;  ///< answer this status to every call when set
  bool down = false;
  std::map<std::string, std::string> valid;  ///< token → project
  std::string expires_at = "2026-01-01T01:00:00.000000Z";
  std::vector<std::string> seen_service_tokens;
  Result<HttpResponse> send(const HttpRequest& r) override {
    ++calls;
    if (down) return fail(ErrorCode::transport, "Connection refused");
    CHECK(r.url == "http://k:5000/v3/auth/tokens");
    std::string subject, own;
    for (const auto& h : r.headers) {
      if (h.rfind("X-Subject-Token: ", 0) == 0) subject = h.substr(17);
      if (h.rfind("X-Auth-Token: ", 0) == 0) own = h.substr(14);
    }
    seen_service_tokens.push_back(own);
    HttpResponse resp;
    if (status_override) {
      resp.status = status_override;
      return resp;
    }
    auto it = valid.find(subject);
    if (it == valid.end()) {
      resp.status = 404;
      return resp;
    }
    resp.status = 200;
    resp.body = nlohmann::json{{"token",
                                {{"expires_at", expires_at},
                                 {"user", {{"id", "u1"}}},
                                 {"project", {{"id", it->second}}},
                                 {"roles", {{{"name", "member"}}, {{"name", "reader"}}}}}}}
                    .dump();
    return resp;
  }
};

/// The service's own token; counts renewals.
struct FakeService : Authenticator {
  int invalidated = 0;
  bool broken = false;
  Result<std::string> token() override {
    if (broken) return fail(ErrorCode::unauthorized, "bad service password");
    return "service-" + std::to_string(invalidated);
  }
  void invalidate() override { ++invalidated; }
  Result<std::string> image_endpoint() override { return std::string("http://unused"); }
};

struct Fixture {
  FakeValidation keystone;
  FakeService service;
  testing::ManualClock clock;  // starts at 2026-01-01T00:00:00Z
  KeystoneTokenValidator validator{keystone, service, "http://k:5000/v3", clock};
};

}  // namespace

TEST_CASE("token check: a valid token gives its project and roles, cached for max_age") {
  Fixture f;
  f.keystone.valid["tok-a"] = "project-a";
  auto info = f.validator.validate("tok-a");
  REQUIRE(info);
  CHECK(info->project_id == "project-a");
  CHECK(info->user_id == "u1");
  CHECK(info->has_role("member"));
  CHECK_FALSE(info->has_role("admin"));
  CHECK(f.keystone.seen_service_tokens.back() == "service-0");
  REQUIRE(f.validator.validate("tok-a"));
  CHECK(f.keystone.calls == 1);
  f.clock.advance(std::chrono::seconds(121));  // past the default max age of 120 s
  REQUIRE(f.validator.validate("tok-a"));
  CHECK(f.keystone.calls == 2);
}

TEST_CASE("token check: a revoked token is refused once its cached answer is older than max_age") {
  Fixture f;
  f.keystone.valid["tok-a"] = "project-a";
  REQUIRE(f.validator.validate("tok-a"));
  f.keystone.valid.clear();  // revoked
  f.clock.advance(std::chrono::seconds(121));
  auto info = f.validator.validate("tok-a");
  REQUIRE_FALSE(info);
  CHECK(info.error().code == ErrorCode::unauthorized);
}

TEST_CASE("token check: the cache never outlives the token") {
  Fixture f;
  f.keystone.valid["tok-a"] = "project-a";
  f.keystone.expires_at = "2026-01-01T00:00:30.000000Z";
  REQUIRE(f.validator.validate("tok-a"));
  f.clock.advance(std::chrono::seconds(31));
  auto info = f.validator.validate("tok-a");  // Keystone still says it expired at :30
  REQUIRE_FALSE(info);
  CHECK(info.error().code == ErrorCode::unauthorized);
  CHECK(f.keystone.calls == 2);
}

TEST_CASE("token check: unknown, empty and forged tokens are unauthorized") {
  Fixture f;
  for (const std::string token : {"", "forged", "gAAAAA-not-a-fernet"}) {
    auto info = f.validator.validate(token);
    REQUIRE_FALSE(info);
    CHECK(info.error().code == ErrorCode::unauthorized);
  }
}

TEST_CASE("token check: Keystone unreachable or failing is never a pass (transport)") {
  Fixture f;
  f.keystone.valid["tok-a"] = "project-a";
  f.keystone.down = true;
  auto info = f.validator.validate("tok-a");
  REQUIRE_FALSE(info);
  CHECK(info.error().code == ErrorCode::transport);
  f.keystone.down = false;
  f.keystone.status_override = 500;
  info = f.validator.validate("tok-a");
  REQUIRE_FALSE(info);
  CHECK(info.error().code == ErrorCode::transport);
  f.service.broken = true;
  f.keystone.status_override = 0;
  info = f.validator.validate("tok-a");
  REQUIRE_FALSE(info);
  CHECK(info.error().code == ErrorCode::transport);
}

TEST_CASE("token check: Keystone refusing the service's token renews it once") {
  Fixture f;
  f.keystone.status_override = 401;
  auto info = f.validator.validate("tok-a");
  REQUIRE_FALSE(info);
  CHECK(info.error().code == ErrorCode::transport);
  CHECK(f.service.invalidated == 1);
  CHECK(f.keystone.calls == 2);
}

TEST_CASE("token check: the table stays bounded") {
  FakeValidation keystone;
  FakeService service;
  testing::ManualClock clock;
  TokenCacheLimits limits;
  limits.max_entries = 4;
  KeystoneTokenValidator validator(keystone, service, "http://k:5000/v3", clock, limits);
  for (int i = 0; i < 10; ++i) {
    keystone.valid["t" + std::to_string(i)] = "p";
    REQUIRE(validator.validate("t" + std::to_string(i)));
  }
  REQUIRE(validator.validate("t9"));  // the newest answer is kept
  CHECK(keystone.calls == 10);
}

}  // namespace glancer
