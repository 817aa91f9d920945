// HttpImageService over a scripted fake transport: paging, hidden images, error messages,
// retries and the one re-authentication after a 401. No sockets.
#include <doctest/doctest.h>

#include <deque>

#include "glance/http_image_service.h"

namespace glancer {

namespace {

struct Scripted : HttpTransport {
  std::deque<Result<HttpResponse>> replies;
  std::vector<HttpRequest> seen;
  Result<HttpResponse> send(const HttpRequest& r) override {
    seen.push_back(r);
    REQUIRE_FALSE(replies.empty());
    auto next = std::move(replies.front());
    replies.pop_front();
    return next;
  }
};

struct CountingAuth : Authenticator {
  int invalidated = 0;
  Result<std::string> token() override { return "tok" + std::to_string(invalidated); }
  void invalidate() override { ++invalidated; }
  Result<std::string> image_endpoint() override { return std::string("http://h/image"); }
};

HttpResponse reply(long status, std::string body = "{}") {
  HttpResponse r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

std::string page(std::vector<std::string> ids, std::string next = "") {
  nlohmann::json j = {{"images", nlohmann::json::array()}};
  for (const auto& id : ids) j["images"].push_back({{"id", id}, {"created_at", "2026-01-01T00:00:0" + id + "Z"}});
  if (!next.empty()) j["next"] = next;
  return j.dump();
}

struct Fixture {
  Scripted* transport = new Scripted;
  CountingAuth* auth = new CountingAuth;
  std::vector<std::chrono::milliseconds> sleeps;
  std::unique_ptr<HttpImageService> service;
  Fixture() {
    HttpServiceOptions o;
    o.retry.sleep = [this](std::chrono::milliseconds d) { sleeps.push_back(d); };
    o.page_size = 2;
    service = std::make_unique<HttpImageService>("cloud t (http://h/image)", std::unique_ptr<HttpTransport>(transport),
                                                 std::unique_ptr<Authenticator>(auth), "http://h/image", o);
  }
};

}  // namespace

TEST_SUITE("cloud") {
  TEST_CASE("http service: list follows next (last page empty) and merges hidden images by id") {
    Fixture f;
    f.transport->replies.push_back(reply(200, page({"2", "1"}, "/v2/images?visibility=all&limit=2&marker=1")));
    f.transport->replies.push_back(reply(200, page({})));
    f.transport->replies.push_back(reply(200, page({"3", "1"})));
    auto images = f.service->list({});
    REQUIRE(images.ok());
    REQUIRE(images->size() == 3);
    CHECK((*images)[0].id == "1");
    CHECK((*images)[2].id == "3");
    REQUIRE(f.transport->seen.size() == 3);
    CHECK(f.transport->seen[0].url == "http://h/image/v2/images?visibility=all&limit=2");
    CHECK(f.transport->seen[1].url == "http://h/image/v2/images?visibility=all&limit=2&marker=1");
    CHECK(f.transport->seen[2].url == "http://h/image/v2/images?visibility=all&limit=2&os_hidden=true");
    CHECK(f.transport->seen[0].headers ==
          std::vector<std::string>{"Accept: application/json", "X-Auth-Token: tok0"});
  }

  TEST_CASE("http service: errors name the request and carry Glance's message") {
    Fixture f;
    f.transport->replies.push_back(reply(409, R"({"message": "Image id abc already exists<br /><br />\n\n\n", "code": "409 Conflict", "title": "Conflict"})"));
    auto r = f.service->update("abc", {PatchOp{PatchOp::Kind::replace, "/name", "x"}});
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::conflict);
    CHECK(r.error().message == "PATCH /v2/images/abc: 409 Conflict: Image id abc already exists");
    CHECK(f.transport->seen[0].headers.back() == "Content-Type: application/openstack-images-v2.1-json-patch");
    CHECK(f.transport->seen[0].body == R"([{"op":"replace","path":"/name","value":"x"}])");
  }

  TEST_CASE("http service: idempotent requests retry 503 and transport errors with backoff") {
    Fixture f;
    f.transport->replies.push_back(reply(503));
    f.transport->replies.push_back(Result<HttpResponse>(fail(ErrorCode::transport, "reset")));
    f.transport->replies.push_back(reply(200, R"({"id":"abc","status":"active"})"));
    auto r = f.service->get("abc");
    REQUIRE(r.ok());
    CHECK(r->status == "active");
    REQUIRE(f.sleeps.size() == 2);
    CHECK(f.sleeps[0] >= std::chrono::milliseconds(250));
    CHECK(f.sleeps[1] >= std::chrono::milliseconds(500));
    CHECK(f.sleeps[1] <= std::chrono::milliseconds(1000));
  }

  TEST_CASE("http service: PATCH is not retried on 503; gives up after max attempts") {
    Fixture f;
    f.transport->replies.push_back(reply(503));
    CHECK(f.service->update("a", {}).error().code == ErrorCode::transport);
    for (int i = 0; i < 4; ++i) f.transport->replies.push_back(reply(502));
    CHECK(f.service->remove("a").error().message == "DELETE /v2/images/a: 502 Bad Gateway");
    CHECK(f.sleeps.size() == 3);
  }

  TEST_CASE("http service: a 401 re-authenticates once") {
    Fixture f;
    f.transport->replies.push_back(reply(401));
    f.transport->replies.push_back(reply(200, R"({"members":[{"member_id":"b"},{"member_id":"a"}]})"));
    auto r = f.service->list_members("x");
    REQUIRE(r.ok());
    CHECK((*r)[0].member_id == "a");
    CHECK(f.auth->invalidated == 1);
    CHECK(f.transport->seen[1].headers[1] == "X-Auth-Token: tok1");
    f.transport->replies.push_back(reply(401));
    f.transport->replies.push_back(reply(401));
    CHECK(f.service->get("x").error().code == ErrorCode::unauthorized);
  }

  TEST_CASE("http service: a retried create that meets 409 returns the image it made") {
    Fixture f;
    f.transport->replies.push_back(Result<HttpResponse>(fail(ErrorCode::timeout, "timed out")));
    f.transport->replies.push_back(reply(409, R"({"message":"exists"})"));
    f.transport->replies.push_back(reply(200, R"({"id":"11111111-2222-4333-8444-555555555555","status":"queued"})"));
    ImageCreate c;
    c.id = "11111111-2222-4333-8444-555555555555";
    c.name = "n";
    c.properties = {{"glancer.set", "s"}};
    auto r = f.service->create(c);
    REQUIRE(r.ok());
    CHECK(r->id == *c.id);
    auto body = nlohmann::json::parse(f.transport->seen[0].body);
    CHECK(body["id"] == *c.id);
    CHECK(body["glancer.set"] == "s");
    CHECK(body["os_hidden"] == false);
    CHECK_FALSE(body.contains("disk_format"));
  }

  TEST_CASE("http service: download sends Range; describe names the cloud") {
    Fixture f;
    f.transport->replies.push_back(reply(206, ""));
    struct Null : ByteSink {
      Status write(const char*, size_t) override { return {}; }
    } sink;
    CHECK(f.service->download("a", sink, ByteRange{5, 9}).ok());
    CHECK(f.transport->seen[0].headers.back() == "Range: bytes=5-9");
    CHECK(f.transport->seen[0].url == "http://h/image/v2/images/a/file");
    CHECK(f.service->describe() == "cloud t (http://h/image)");
  }
}

}  // namespace glancer
