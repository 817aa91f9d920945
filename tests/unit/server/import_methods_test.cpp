// The import methods `glancer serve` offers follow its UrlOpener: without one it answers like
// a Glance without web-download (requests through serve_bytes: no socket, no import started).
#include <doctest/doctest.h>

#include <filesystem>
#include <random>
#include <string>

#include "server/server.h"
#include "store/local_image_service.h"

namespace glancer {

namespace {

constexpr const char* k_queued_id = "11111111-2222-3333-4444-555555555555";

/// A store with one queued raw/bare image and a server over it, in a temp dir removed after.
class ServerFixture {
 public:
  explicit ServerFixture(UrlOpener open_url) {
    std::random_device rd;
    m_dir = std::filesystem::temp_directory_path() /
            ("glancer-import-methods-test-" + std::to_string(rd()) + std::to_string(rd()));
    auto store = LocalImageService::open(m_dir / "store");
    REQUIRE(store.ok());
    m_store = std::move(store).value();
    ImageCreate queued;
    queued.id = k_queued_id;
    queued.name = "queued";
    queued.disk_format = "raw";
    queued.container_format = "bare";
    REQUIRE(m_store->create(queued).ok());
    ServeOptions options;
    options.staging_dir = m_dir / "staging";
    options.open_url = std::move(open_url);
    auto server = GlanceServer::create(*m_store, std::move(options));
    REQUIRE(server.ok());
    m_server = std::move(server).value();
  }
  ~ServerFixture() {
    m_server.reset();
    m_store.reset();
    std::error_code ec;
    std::filesystem::remove_all(m_dir, ec);
  }
  ServerFixture(const ServerFixture&) = delete;
  ServerFixture& operator=(const ServerFixture&) = delete;

  /// The response bytes to one request.
  std::string request(const std::string& method, const std::string& path,
                      const std::string& body = "") {
    std::string head = method + " " + path + " HTTP/1.1\r\nHost: test\r\nConnection: close\r\n";
    if (!body.empty())
      head += "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
              "\r\n";
    return m_server->serve_bytes(head + "\r\n" + body);
  }

 private:
  std::filesystem::path m_dir;
  std::unique_ptr<LocalImageService> m_store;
  std::unique_ptr<GlanceServer> m_server;
};

UrlOpener never_called() {
  return [](const std::string&, const UrlFetchLimits&) -> Result<std::unique_ptr<ByteSource>> {
    FAIL("the opener must not be called");
    return fail(ErrorCode::internal, "unreachable");
  };
}

}  // namespace

TEST_SUITE("server") {
  TEST_CASE("serve: with a UrlOpener, web-download is offered") {
    ServerFixture server(never_called());
    std::string info = server.request("GET", "/v2/info/import");
    CHECK(info.find("200 OK") != std::string::npos);
    CHECK(info.find(R"(["glance-direct","web-download"])") != std::string::npos);
    std::string created = server.request(
        "POST", "/v2/images", R"({"name":"x","disk_format":"raw","container_format":"bare"})");
    CHECK(created.find("OpenStack-image-import-methods: glance-direct,web-download\r\n") !=
          std::string::npos);
  }

  TEST_CASE("serve: without a UrlOpener, web-download is neither offered nor accepted") {
    ServerFixture server(nullptr);
    std::string info = server.request("GET", "/v2/info/import");
    CHECK(info.find(R"(["glance-direct"])") != std::string::npos);
    std::string created = server.request(
        "POST", "/v2/images", R"({"name":"x","disk_format":"raw","container_format":"bare"})");
    CHECK(created.find("OpenStack-image-import-methods: glance-direct\r\n") != std::string::npos);
    std::string import =
        server.request("POST", std::string("/v2/images/") + k_queued_id + "/import",
                       R"({"method":{"name":"web-download","uri":"http://mirror.test/x.img"}})");
    CHECK(import.find("HTTP/1.1 400") == 0);
    CHECK(import.find("Import method web-download is not supported by this server") !=
          std::string::npos);
  }
}

}  // namespace glancer
