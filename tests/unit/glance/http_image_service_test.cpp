// HttpImageService over a scripted fake transport: paging, hidden images, error messages,
// retries and the one re-authentication after a 401. No sockets.
#include "glance/http_image_service.h"

#include <doctest/doctest.h>

#include <deque>

namespace glancer {

namespace {

struct Scripted : HttpTransport {
  std::deque<Result<HttpResponse>> replies;
  std::vector<HttpRequest> seen;
  Result<HttpResponse> send(const HttpRequest& r) override {
    seen.push_back(r);
    if (r.upload) {  // a network sends the whole body before the reply comes
      char buf[64];
      for (;;) {
        auto n = r.upload->read(buf, sizeof buf);
        if (!n || *n == 0) break;
      }
    }
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
  for (const auto& id : ids)
    j["images"].push_back({{"id", id}, {"created_at", "2026-01-01T00:00:0" + id + "Z"}});
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
    service = std::make_unique<HttpImageService>(
        "cloud t (http://h/image)", std::unique_ptr<HttpTransport>(transport),
        std::unique_ptr<Authenticator>(auth), "http://h/image", o);
  }
};

}  // namespace

TEST_SUITE("glance") {
  TEST_CASE("http service: list follows next (last page empty) and merges hidden images by id") {
    Fixture f;
    f.transport->replies.push_back(
        reply(200, page({"2", "1"}, "/v2/images?visibility=all&limit=2&marker=1")));
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
    CHECK(f.transport->seen[2].url ==
          "http://h/image/v2/images?visibility=all&limit=2&os_hidden=true");
    CHECK(f.transport->seen[0].headers ==
          std::vector<std::string>{"Accept: application/json", "X-Auth-Token: tok0"});
  }

  TEST_CASE("http service: scan hands over each page as it comes, with Glance's own filters") {
    Fixture f;
    f.transport->replies.push_back(
        reply(200, page({"2", "1"}, "/v2/images?visibility=all&limit=2&owner=p%201&marker=1")));
    f.transport->replies.push_back(reply(200, page({"3"})));
    std::vector<size_t> pages;
    auto scanned = f.service->scan({.visibility = "all", .owner = "p 1", .hidden = true},
                                   [&](std::vector<Image>& images) -> Status {
                                     pages.push_back(images.size());
                                     return {};
                                   });
    REQUIRE(scanned.ok());
    CHECK(pages == std::vector<size_t>{2, 1});
    REQUIRE(f.transport->seen.size() == 2);
    CHECK(f.transport->seen[0].url ==
          "http://h/image/v2/images?visibility=all&limit=2&owner=p%201&os_hidden=true");
    // The handler's error stops the scan: no further page is asked for.
    f.transport->replies.push_back(reply(200, page({"4"}, "/v2/images?marker=4")));
    auto stopped = f.service->scan({.visibility = "public"}, [](std::vector<Image>&) -> Status {
      return fail(ErrorCode::io, "stop");
    });
    CHECK(stopped.error().message == "stop");
    CHECK(f.transport->seen.size() == 3);
    CHECK(f.transport->seen[2].url == "http://h/image/v2/images?visibility=public&limit=2");
  }

  TEST_CASE("http service: errors name the request and carry Glance's message") {
    Fixture f;
    f.transport->replies.push_back(reply(
        409,
        R"({"message": "Image id abc already exists<br /><br />\n\n\n", "code": "409 Conflict", "title": "Conflict"})"));
    auto r = f.service->update("abc", {PatchOp{PatchOp::Kind::replace, "/name", "x"}});
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::conflict);
    CHECK(r.error().message == "PATCH /v2/images/abc: 409 Conflict: Image id abc already exists");
    CHECK(f.transport->seen[0].headers.back() ==
          "Content-Type: application/openstack-images-v2.1-json-patch");
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

  TEST_CASE("http service: 500 is retried; gives up after max attempts; Retry-After is honoured") {
    Fixture f;
    for (int i = 0; i < 6; ++i) f.transport->replies.push_back(reply(i % 2 ? 500 : 502));
    CHECK(f.service->remove("a").error().message ==
          "DELETE /v2/images/a: 500 Internal Server Error");
    CHECK(f.sleeps.size() == 5);
    f.sleeps.clear();
    HttpResponse limited = reply(429);
    limited.headers["retry-after"] = "3";
    f.transport->replies.push_back(limited);
    f.transport->replies.push_back(reply(204, ""));
    CHECK(f.service->remove("a").ok());
    REQUIRE(f.sleeps.size() == 1);
    CHECK(f.sleeps[0] == std::chrono::milliseconds(3000));
  }

  TEST_CASE("http service: a retried PATCH that fails because it already took effect succeeds") {
    Fixture f;
    // The first attempt removed the property but its response was lost; the retry gets 409.
    f.transport->replies.push_back(Result<HttpResponse>(fail(ErrorCode::transport, "reset")));
    f.transport->replies.push_back(
        reply(409, R"({"message":"Property glancer.pending does not exist."})"));
    f.transport->replies.push_back(
        reply(200, R"({"id":"a","status":"active","name":"N","os_hidden":false})"));
    std::vector<PatchOp> ops = {{PatchOp::Kind::remove, "/glancer.pending", nullptr},
                                {PatchOp::Kind::replace, "/name", "N"},
                                {PatchOp::Kind::replace, "/os_hidden", false}};
    auto r = f.service->update("a", ops);
    REQUIRE(r.ok());
    CHECK(r->name == "N");
    // The same 409 when the image does not show the ops is the error it is.
    f.transport->replies.push_back(reply(503));
    f.transport->replies.push_back(
        reply(409, R"({"message":"Property glancer.pending does not exist."})"));
    f.transport->replies.push_back(reply(200, R"({"id":"a","status":"active","name":"Other"})"));
    CHECK(f.service->update("a", ops).error().message ==
          "PATCH /v2/images/a: 409 Conflict: Property glancer.pending does not exist.");
    // Without a retry a 409 is never second-guessed.
    f.transport->replies.push_back(reply(409, R"({"message":"no"})"));
    CHECK(f.service->update("a", ops).error().code == ErrorCode::conflict);
    CHECK(f.transport->replies.empty());
  }

  TEST_CASE("http service: a 401 re-authenticates once") {
    Fixture f;
    f.transport->replies.push_back(reply(401));
    f.transport->replies.push_back(
        reply(200, R"({"members":[{"member_id":"b"},{"member_id":"a"}]})"));
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
    f.transport->replies.push_back(reply(
        200,
        R"({"id":"11111111-2222-4333-8444-555555555555","status":"queued","glancer.set":"s"})"));
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
    // Someone else's image with that id is not taken for ours.
    f.transport->replies.push_back(reply(503));
    f.transport->replies.push_back(reply(409, R"({"message":"Image ID exists"})"));
    f.transport->replies.push_back(
        reply(200, R"({"id":"11111111-2222-4333-8444-555555555555","status":"active"})"));
    CHECK(f.service->create(c).error().message == "POST /v2/images: 409 Conflict: Image ID exists");
  }

  TEST_CASE(
      "http service: a failed upload is sent again from the start only while the image is queued") {
    struct Rewindable : ByteSource {
      std::string data = "0123456789";
      size_t pos = 0;
      int rewinds = 0;
      bool can_rewind = true;
      Result<size_t> read(char* buf, size_t n) override {
        size_t k = std::min(n, data.size() - pos);
        std::copy_n(data.data() + pos, k, buf);
        pos += k;
        return k;
      }
      std::optional<uint64_t> size() const override { return data.size(); }
      Status rewind() override {
        if (!can_rewind) return ByteSource::rewind();
        ++rewinds;
        pos = 0;
        return {};
      }
    };
    Fixture f;
    Rewindable src;
    f.transport->replies.push_back(reply(503));                                     // PUT
    f.transport->replies.push_back(reply(200, R"({"id":"a","status":"queued"})"));  // GET
    f.transport->replies.push_back(reply(204, ""));                                 // PUT again
    f.transport->replies.push_back(reply(200, R"({"id":"a","status":"active","size":10})"));
    auto r = f.service->upload("a", src);
    REQUIRE(r.ok());
    CHECK(src.rewinds == 1);
    CHECK(f.transport->seen[2].method == "PUT");

    // The data arrived, the response was lost: the image is active with every byte, done.
    src.pos = 0;
    f.transport->replies.push_back(Result<HttpResponse>(fail(ErrorCode::transport, "reset")));
    f.transport->replies.push_back(reply(200, R"({"id":"a","status":"active","size":10})"));
    CHECK(f.service->upload("a", src).ok());
    CHECK(src.rewinds == 1);
    f.transport->replies.push_back(Result<HttpResponse>(fail(ErrorCode::transport, "reset")));
    f.transport->replies.push_back(reply(200, R"({"id":"a","status":"saving"})"));
    f.transport->replies.push_back(reply(200, R"({"id":"a","status":"queued"})"));
    src.can_rewind = false;
    src.pos = 0;
    auto failed = f.service->upload("a", src);
    CHECK(failed.error().message ==
          "reset (not sent again: the data cannot be read a second time)");
    f.transport->replies.push_back(reply(500));
    f.transport->replies.push_back(reply(200, R"({"id":"a","status":"killed"})"));
    src.can_rewind = true;
    src.pos = 0;
    CHECK(f.service->upload("a", src).error().message ==
          "PUT /v2/images/a/file: 500 Internal Server Error (the image is now killed, so the data "
          "is not sent again)");
    CHECK(f.transport->replies.empty());
  }

  TEST_CASE("http service: an import is done once active and Glance's task has dropped its lock") {
    Fixture f;
    f.transport->replies.push_back(
        reply(200, R"({"id":"a","status":"importing","os_glance_import_task":"t1"})"));
    // Active, but the flow still holds the image: a PATCH now could be purged by its last save.
    f.transport->replies.push_back(
        reply(200, R"({"id":"a","status":"active","os_glance_import_task":"t1"})"));
    f.transport->replies.push_back(reply(200, R"({"id":"a","status":"active"})"));
    auto done =
        f.service->wait_for_import("a", std::chrono::seconds(60), std::chrono::milliseconds(1));
    REQUIRE(done.ok());
    CHECK(done->status == "active");
    CHECK(f.transport->seen.size() == 3);

    f.transport->replies.push_back(
        reply(200, R"({"id":"a","status":"queued","os_glance_failed_import":"file"})"));
    CHECK(f.service->wait_for_import("a", std::chrono::seconds(60), std::chrono::milliseconds(1))
              .error()
              .code == ErrorCode::conflict);
    CHECK(f.transport->replies.empty());
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
