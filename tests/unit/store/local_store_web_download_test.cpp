// LocalImageService::web_download: the store does no network I/O itself; it streams what the
// injected UrlOpener returns, and without one it does not offer the method.
#include <doctest/doctest.h>

#include "store_test_support.h"

namespace glancer::store_test {

namespace {

constexpr const char* k_abc_md5 = "900150983cd24fb0d6963f7d28e17f72";

/// What the fake opener was asked.
struct OpenerCalls {
  std::vector<std::string> urls;
  std::vector<std::optional<std::chrono::seconds>> stall_limits;
};

/// Options whose opener serves `data` (or fails with `error`) and records each call.
LocalStoreOptions with_opener(OpenerCalls& calls, std::string data,
                              std::optional<Error> error = std::nullopt) {
  LocalStoreOptions options = test_options();
  options.open_url = [&calls, data, error](
                         const std::string& url,
                         const UrlFetchLimits& limits) -> Result<std::unique_ptr<ByteSource>> {
    calls.urls.push_back(url);
    calls.stall_limits.push_back(limits.stall_limit);
    if (error) return *error;
    return std::unique_ptr<ByteSource>(std::make_unique<TestSource>(data));
  };
  return options;
}

}  // namespace

TEST_SUITE("store") {
  TEST_CASE("store: web_download streams what the injected opener returns") {
    TempDir tmp;
    OpenerCalls calls;
    auto store = open_store(tmp.store(), with_opener(calls, "abc"));
    Image image = create_ok(*store, uploadable());
    auto imported =
        store->web_download(image.id, "http://mirror.test/abc.img", std::chrono::seconds(40));
    REQUIRE_MESSAGE(imported.ok(), (imported.ok() ? "" : imported.error().message));
    CHECK(imported->status == "active");
    CHECK(imported->size == std::optional<int64_t>(3));
    CHECK(imported->checksum == std::optional<std::string>(k_abc_md5));
    CHECK(calls.urls == std::vector<std::string>{"http://mirror.test/abc.img"});
    REQUIRE(calls.stall_limits.size() == 1);
    CHECK(calls.stall_limits[0] == std::optional<std::chrono::seconds>(40));
  }

  TEST_CASE("store: web_download passes the opener's error on and leaves the image queued") {
    TempDir tmp;
    OpenerCalls calls;
    auto store = open_store(
        tmp.store(), with_opener(calls, "", Error{ErrorCode::transport, "HTTP 404 from x", {}}));
    Image image = create_ok(*store, uploadable());
    auto imported = store->web_download(image.id, "http://x/", std::chrono::seconds(5));
    REQUIRE_FALSE(imported.ok());
    CHECK(imported.error().code == ErrorCode::transport);
    CHECK(imported.error().message == "HTTP 404 from x");
    CHECK(store->get(image.id)->status == "queued");
  }

  TEST_CASE("store: without an opener web_download is forbidden, as from a Glance without it") {
    TempDir tmp;
    auto store = open_store(tmp.store());
    Image image = create_ok(*store, uploadable());
    auto imported = store->web_download(image.id, "http://x/", std::chrono::seconds(5));
    REQUIRE_FALSE(imported.ok());
    CHECK(imported.error().code == ErrorCode::forbidden);
    CHECK(imported.error().message.find("does not enable the web-download import method") !=
          std::string::npos);
    CHECK(store->get(image.id)->status == "queued");
  }
}

}  // namespace glancer::store_test
