// Keystone v3 pieces without a server: auth bodies, catalog lookup, URL handling, and the token
// lifecycle over a fake transport.
#include "cloud/keystone.h"

#include <doctest/doctest.h>

#include "core/redact.h"
#include "support/manual_clock.h"

namespace glancer {

namespace {

CloudConfig password_cloud() {
  CloudConfig c;
  c.name = "demo";
  c.auth.auth_url = "http://k:5000";
  c.auth.username = "demo";
  c.auth.password = "pw";
  c.auth.user_domain_name = "Default";
  c.auth.project_name = "demo";
  c.auth.project_domain_name = "Default";
  return c;
}

const nlohmann::json k_catalog = nlohmann::json::parse(R"([
  {"type":"identity","endpoints":[{"interface":"public","region_id":"R1","url":"http://k:5000/v3"}]},
  {"type":"image","endpoints":[
    {"interface":"internal","region_id":"R1","url":"http://internal:9292"},
    {"interface":"public","region_id":"R1","region":"R1","url":"http://h/image/v2/"},
    {"interface":"public","region_id":"R2","url":"http://r2:9292"}]}])");

/// Answers token requests; counts them.
struct FakeKeystone : HttpTransport {
  int calls = 0;
  long status = 201;
  /// Answers for the first calls, before `status`: an HTTP status, or 0 for a transport error.
  std::vector<long> first;
  std::string expires_at = "2099-01-01T00:00:00.000000Z";
  Result<HttpResponse> send(const HttpRequest& r) override {
    ++calls;
    CHECK(r.url == "http://k:5000/v3/auth/tokens");
    const long now = calls <= static_cast<int>(first.size()) ? first[calls - 1] : status;
    if (now == 0)
      return fail(ErrorCode::transport, "POST http://k:5000/v3/auth/tokens: Connection refused");
    HttpResponse resp;
    resp.status = now;
    if (now == 503) {
      resp.body = "Service Unavailable";
      return resp;
    }
    resp.headers["x-subject-token"] = "tok" + std::to_string(calls);
    resp.body =
        nlohmann::json{{"token",
                        {{"expires_at", expires_at},
                         {"catalog", k_catalog},
                         {"project", {{"id", "p" + std::to_string(calls)}, {"name", "demo"}}}}}}
            .dump();
    if (status == 401)
      resp.body =
          R"({"error":{"code":401,"message":"The request you have made requires authentication."}})";
    return resp;
  }
};

}  // namespace

TEST_SUITE("cloud") {
  TEST_CASE("keystone: password, application-credential and token bodies") {
    CloudConfig c = password_cloud();
    CHECK(keystone_auth_body(c) ==
          nlohmann::json::parse(R"({"auth":{"identity":{"methods":["password"],
      "password":{"user":{"name":"demo","domain":{"name":"Default"},"password":"pw"}}},
      "scope":{"project":{"name":"demo","domain":{"name":"Default"}}}}})"));
    c.auth_kind = AuthKind::application_credential;
    c.auth.application_credential_id = "ac";
    c.auth.application_credential_secret = "s";
    CHECK(keystone_auth_body(c) == nlohmann::json::parse(R"({"auth":{"identity":{
      "methods":["application_credential"],"application_credential":{"id":"ac","secret":"s"}}}})"));
    c.auth.application_credential_id = "";
    c.auth.application_credential_name = "n";
    CHECK(keystone_auth_body(c)["auth"]["identity"]["application_credential"]["user"] ==
          nlohmann::json::parse(R"({"name":"demo","domain":{"name":"Default"}})"));
    c.auth_kind = AuthKind::token;
    c.auth.token = "t";
    c.auth.project_id = "pid";
    CHECK(keystone_auth_body(c) ==
          nlohmann::json::parse(R"({"auth":{"identity":{"methods":["token"],
      "token":{"id":"t"}},"scope":{"project":{"id":"pid"}}}})"));
    // Nothing secret survives redaction of any body.
    std::string shown = redact_json(keystone_auth_body(c)).dump();
    CHECK(shown.find("\"t\"") == std::string::npos);
  }

  TEST_CASE("keystone: URLs: /v3 appended once, version suffixes stripped, prefixes kept") {
    CHECK(identity_v3_url("http://k:5000") == "http://k:5000/v3");
    CHECK(identity_v3_url("http://k:5000/v3/") == "http://k:5000/v3");
    CHECK(identity_v3_url("https://k/identity") == "https://k/identity/v3");
    CHECK(strip_version_suffix("http://h:9292") == "http://h:9292");
    CHECK(strip_version_suffix("http://h:9292/v2") == "http://h:9292");
    CHECK(strip_version_suffix("http://h/image/v2.0/") == "http://h/image");
    CHECK(strip_version_suffix("http://h/image") == "http://h/image");
  }

  TEST_CASE("keystone: catalog lookup by interface and region") {
    CHECK(*find_catalog_endpoint(k_catalog, "image", "public", "") == "http://h/image/v2/");
    CHECK(*find_catalog_endpoint(k_catalog, "image", "publicURL", "R2") == "http://r2:9292");
    CHECK(*find_catalog_endpoint(k_catalog, "image", "internal", "R1") == "http://internal:9292");
    CHECK(find_catalog_endpoint(k_catalog, "image", "admin", "").error().message ==
          "the service catalog has no admin `image` endpoint");
    CHECK(find_catalog_endpoint(k_catalog, "image", "public", "R9").error().message ==
          "the service catalog has no public `image` endpoint in region R9");
    CHECK(find_catalog_endpoint(k_catalog, "volume", "public", "").error().code ==
          ErrorCode::not_found);
  }

  TEST_CASE("keystone: a token is reused, renewed before expiry and after invalidate()") {
    FakeKeystone ks;
    ks.expires_at = "2026-01-01T01:00:00Z";
    testing::ManualClock clock(*parse_keystone_time("2026-01-01T00:00:00Z"));
    KeystoneAuth auth(password_cloud(), ks, clock);
    CHECK(*auth.token() == "tok1");
    CHECK(*auth.token() == "tok1");
    CHECK(*auth.image_endpoint() == "http://h/image");
    CHECK(ks.calls == 1);
    CHECK(auth.project_id() == "p1");         // the token's scope: drift's `owned`
    clock.advance(std::chrono::minutes(57));  // less than 120 s … no: 3 min left → still valid
    CHECK(*auth.token() == "tok1");
    clock.advance(std::chrono::minutes(2));  // 60 s left → renewed
    CHECK(*auth.token() == "tok2");
    auth.invalidate();
    CHECK(*auth.token() == "tok3");
  }

  TEST_CASE(
      "keystone: a token request is sent again after a transport error or a 5xx, not after a "
      "refusal") {
    std::vector<std::chrono::milliseconds> waits;
    RetryPolicy retry;
    retry.max_attempts = 4;
    retry.sleep = [&](std::chrono::milliseconds d) { waits.push_back(d); };
    const Clock& now = system_clock();

    FakeKeystone flaky;
    flaky.first = {0, 503, 502};
    KeystoneAuth recovers(password_cloud(), flaky, now, retry);
    CHECK(recovers.token().value() == "tok4");
    CHECK(flaky.calls == 4);
    CHECK(waits.size() == 3);

    FakeKeystone down;
    down.status = 503;
    KeystoneAuth gives_up(password_cloud(), down, now, retry);
    auto failed = gives_up.token();
    REQUIRE_FALSE(failed.ok());
    CHECK(down.calls == 4);
    CHECK(failed.error().code == ErrorCode::transport);
    CHECK(failed.error().message ==
          "cloud `demo`: authentication failed: POST http://k:5000/v3/auth/tokens: 503: Service "
          "Unavailable");

    FakeKeystone refuses;
    refuses.status = 401;
    KeystoneAuth final_answer(password_cloud(), refuses, now, retry);
    CHECK(final_answer.token().error().code == ErrorCode::unauthorized);
    CHECK(refuses.calls == 1);
  }

  TEST_CASE("keystone: without Keystone the project is auth.project_id, if the cloud gives one") {
    FakeKeystone unused;
    CloudConfig none;
    none.auth_kind = AuthKind::none;
    none.auth.endpoint = "http://h/image";
    CHECK(make_authenticator(none, unused)->project_id().empty());
    none.auth.project_id = "catalogue";
    CHECK(make_authenticator(none, unused)->project_id() == "catalogue");
    CHECK(unused.calls == 0);
  }

  TEST_CASE("keystone: rejected credentials are one clear unauthorized error") {
    FakeKeystone ks;
    ks.status = 401;
    KeystoneAuth auth(password_cloud(), ks);
    auto t = auth.token();
    REQUIRE_FALSE(t.ok());
    CHECK(t.error().code == ErrorCode::unauthorized);
    CHECK(t.error().message ==
          "cloud `demo`: authentication failed: POST http://k:5000/v3/auth/tokens: 401 "
          "Unauthorized: The request "
          "you have made requires authentication.");
  }
}

}  // namespace glancer
