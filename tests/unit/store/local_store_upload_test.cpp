// LocalImageService: upload, download and the status machine around them.
#include <doctest/doctest.h>

#include "store_test_support.h"

namespace glancer::store_test {

namespace {

constexpr const char* k_abc_md5 = "900150983cd24fb0d6963f7d28e17f72";
constexpr const char* k_abc_sha512 =
    "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
    "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f";
constexpr const char* k_empty_md5 = "d41d8cd98f00b204e9800998ecf8427e";
constexpr const char* k_empty_sha512 =
    "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
    "47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e";
// pattern_data(k_big): two and a half chunks plus a tail, digests from md5sum/sha512sum.
constexpr size_t k_big = 2621440 + 123;
constexpr const char* k_big_md5 = "e21133213de478b5be6821a3453f51ea";
constexpr const char* k_big_sha512 =
    "27a477e1c1023c0ca2a1e2e3264d63f7adbfbc257dcf8bdad45c5526c610729e"
    "88aa2b4b3665d8d96778d21b112e5dab6b34e22f282354b20fe9bbad0f45b8c3";

// A queued image that went through a failed upload must look exactly like a fresh one.
void check_back_to_queued(LocalImageService& store, const TempDir& tmp, const Image& before) {
  auto image = store.get(before.id);
  REQUIRE(image.ok());
  CHECK(image->status == "queued");
  CHECK_FALSE(image->size);
  CHECK_FALSE(image->checksum);
  CHECK_FALSE(image->os_hash_algo);
  CHECK_FALSE(image->os_hash_value);
  CHECK(blob_names(tmp.store()).empty());
}

}  // namespace

TEST_SUITE("store") {
  TEST_CASE("store: upload makes the image active with Glance's md5 and sha512") {
    TempDir tmp;
    auto store = open_store(tmp.store());
    Image image = create_ok(*store, uploadable());
    TestSource data("abc");
    auto uploaded = store->upload(image.id, data);
    REQUIRE(uploaded.ok());
    CHECK(uploaded->status == "active");
    CHECK(uploaded->size == std::optional<int64_t>(3));
    CHECK(uploaded->checksum == std::optional<std::string>(k_abc_md5));
    CHECK(uploaded->os_hash_algo == std::optional<std::string>("sha512"));
    CHECK(uploaded->os_hash_value == std::optional<std::string>(k_abc_sha512));
    CHECK(uploaded->updated_at > image.updated_at);
    CHECK(store->get(image.id).value() == uploaded.value());
    CHECK(blob_names(tmp.store()) == std::vector<std::string>{image.id});
  }

  TEST_CASE("store: multi-chunk uploads stream and download in chunks") {
    TempDir tmp;
    auto store = open_store(tmp.store());
    Image image = create_ok(*store, uploadable());
    const std::string bytes = pattern_data(k_big);
    TestSource data(bytes);
    data.max_read(300000);  // odd-sized reads from the source
    auto uploaded = store->upload(image.id, data);
    REQUIRE(uploaded.ok());
    CHECK(uploaded->size == std::optional<int64_t>(k_big));
    CHECK(uploaded->checksum == std::optional<std::string>(k_big_md5));
    CHECK(uploaded->os_hash_value == std::optional<std::string>(k_big_sha512));

    StringSink sink;
    REQUIRE(store->download(image.id, sink).ok());
    CHECK(sink.data == bytes);
    CHECK(sink.writes == 3);  // k_chunk_size pieces

    StringSink part;
    REQUIRE(store->download(image.id, part, ByteRange{k_chunk_size - 5, k_chunk_size + 4}).ok());
    CHECK(part.data == bytes.substr(k_chunk_size - 5, 10));
    StringSink tail;
    REQUIRE(store->download(image.id, tail, ByteRange{k_big - 3, std::nullopt}).ok());
    CHECK(tail.data == bytes.substr(k_big - 3));
    StringSink clamped;
    REQUIRE(store->download(image.id, clamped, ByteRange{k_big - 2, k_big + 100}).ok());
    CHECK(clamped.data == bytes.substr(k_big - 2));
  }

  TEST_CASE("store: an empty upload makes an active image of size 0") {
    TempDir tmp;
    auto store = open_store(tmp.store());
    Image image = create_ok(*store, uploadable());
    TestSource data("");
    data.declare(std::nullopt);
    auto uploaded = store->upload(image.id, data);
    REQUIRE(uploaded.ok());
    CHECK(uploaded->status == "active");
    CHECK(uploaded->size == std::optional<int64_t>(0));
    CHECK(uploaded->checksum == std::optional<std::string>(k_empty_md5));
    CHECK(uploaded->os_hash_value == std::optional<std::string>(k_empty_sha512));
    StringSink sink;
    CHECK(store->download(image.id, sink).ok());
    CHECK(sink.data.empty());
    CHECK(outcome(store->download(image.id, sink, ByteRange{0, std::nullopt})) ==
          "invalid_argument");
  }

  TEST_CASE("store: a source failing mid-stream leaves the image queued with no data") {
    TempDir tmp;
    auto store = open_store(tmp.store());
    Image image = create_ok(*store, uploadable());
    TestSource data(pattern_data(k_big));
    data.fail_after(k_chunk_size + 17);
    std::string seen_status;
    data.on_read([&](size_t) { seen_status = store->get(image.id)->status; });
    auto uploaded = store->upload(image.id, data);
    CHECK(outcome(uploaded) == "transport");
    CHECK(uploaded.error().message == "connection reset by test");
    CHECK(seen_status == "saving");
    check_back_to_queued(*store, tmp, image);

    // Glance allows a retry.
    TestSource retry("abc");
    auto again = store->upload(image.id, retry);
    REQUIRE(again.ok());
    CHECK(again->checksum == std::optional<std::string>(k_abc_md5));
  }

  TEST_CASE("store: a source delivering a different byte count than declared is an error") {
    TempDir tmp;
    auto store = open_store(tmp.store());
    Image image = create_ok(*store, uploadable());
    SUBCASE("short") {
      TestSource data("abc");
      data.declare(4);
      CHECK(outcome(store->upload(image.id, data)) == "io");
    }
    SUBCASE("long") {
      TestSource data(pattern_data(k_big));
      data.declare(10);
      CHECK(outcome(store->upload(image.id, data)) == "io");
    }
    check_back_to_queued(*store, tmp, image);
  }

  TEST_CASE("store: the size cap is a quota error, declared or discovered") {
    TempDir tmp;
    LocalStoreOptions options = test_options();
    options.image_size_cap = 10;
    auto store = open_store(tmp.store(), options);
    Image image = create_ok(*store, uploadable());
    SUBCASE("declared") {
      TestSource data(std::string(11, 'x'));
      CHECK(outcome(store->upload(image.id, data)) == "quota");
      CHECK(store->get(image.id)->updated_at == image.updated_at);  // never left queued
    }
    SUBCASE("undeclared") {
      TestSource data(std::string(11, 'x'));
      data.declare(std::nullopt);
      CHECK(outcome(store->upload(image.id, data)) == "quota");
    }
    check_back_to_queued(*store, tmp, image);
    TestSource fits(std::string(10, 'x'));
    CHECK(store->upload(image.id, fits).ok());
  }

  TEST_CASE("store: upload needs a queued image with formats set") {
    TempDir tmp;
    auto store = open_store(tmp.store());
    TestSource data("abc");
    CHECK(outcome(store->upload("6f0c6b3e-6b1a-4d8e-9d61-1c1b2a3f4e5d", data)) == "not_found");

    Image no_formats = create_ok(*store, {});
    CHECK(outcome(store->upload(no_formats.id, data)) == "invalid_argument");
    CHECK(store->get(no_formats.id)->status == "queued");

    Image image = create_ok(*store, uploadable());
    REQUIRE(store->upload(image.id, data).ok());
    TestSource again("abc");
    CHECK(outcome(store->upload(image.id, again)) == "conflict");
    REQUIRE(store->deactivate(image.id).ok());
    CHECK(outcome(store->upload(image.id, again)) == "conflict");
  }

  TEST_CASE("store: deleting the image during its upload drops the data: not_found") {
    TempDir tmp;
    auto store = open_store(tmp.store());
    Image image = create_ok(*store, uploadable());
    TestSource data(pattern_data(k_big));
    bool removed = false;
    data.on_read([&](size_t) {
      if (!removed) removed = store->remove(image.id).ok();
    });
    CHECK(outcome(store->upload(image.id, data)) == "not_found");
    CHECK(removed);
    CHECK(blob_names(tmp.store()).empty());
  }

  TEST_CASE("store: a second upload while one is running is a conflict") {
    TempDir tmp;
    auto store = open_store(tmp.store());
    Image image = create_ok(*store, uploadable());
    TestSource data("abc");
    std::string nested;
    data.on_read([&](size_t) {
      TestSource other("xyz");
      if (nested.empty()) nested = outcome(store->upload(image.id, other));
    });
    REQUIRE(store->upload(image.id, data).ok());
    CHECK(nested == "conflict");
  }

  TEST_CASE("store: deactivate and reactivate follow Glance") {
    TempDir tmp;
    auto store = open_store(tmp.store());
    Image image = create_ok(*store, uploadable());
    CHECK(outcome(store->deactivate(image.id)) == "forbidden");  // queued
    CHECK(outcome(store->reactivate(image.id)) == "forbidden");
    TestSource data("abc");
    REQUIRE(store->upload(image.id, data).ok());

    CHECK(store->reactivate(image.id).ok());  // already active: no-op
    REQUIRE(store->deactivate(image.id).ok());
    Image deactivated = store->get(image.id).value();
    CHECK(deactivated.status == "deactivated");
    CHECK(store->deactivate(image.id).ok());  // repeat: no-op
    CHECK(store->get(image.id)->updated_at == deactivated.updated_at);

    StringSink sink;
    CHECK(outcome(store->download(image.id, sink)) == "forbidden");
    CHECK(sink.data.empty());

    REQUIRE(store->reactivate(image.id).ok());
    CHECK(store->get(image.id)->status == "active");
    REQUIRE(store->download(image.id, sink).ok());
    CHECK(sink.data == "abc");
    CHECK(outcome(store->deactivate("6f0c6b3e-6b1a-4d8e-9d61-1c1b2a3f4e5d")) == "not_found");
  }

  TEST_CASE("store: download of a queued image writes nothing; bad ranges are refused") {
    TempDir tmp;
    auto store = open_store(tmp.store());
    Image image = create_ok(*store, uploadable());
    StringSink sink;
    CHECK(store->download(image.id, sink).ok());
    CHECK(sink.writes == 0);
    CHECK(outcome(store->download("6f0c6b3e-6b1a-4d8e-9d61-1c1b2a3f4e5d", sink)) == "not_found");

    TestSource data("abcdef");
    REQUIRE(store->upload(image.id, data).ok());
    CHECK(outcome(store->download(image.id, sink, ByteRange{6, std::nullopt})) ==
          "invalid_argument");
    CHECK(outcome(store->download(image.id, sink, ByteRange{3, 2})) == "invalid_argument");
    REQUIRE(store->download(image.id, sink, ByteRange{2, 3}).ok());
    CHECK(sink.data == "cd");
    StringSink rest;
    REQUIRE(store->download(image.id, rest, ByteRange{4, UINT64_MAX}).ok());
    CHECK(rest.data == "ef");
  }

  TEST_CASE("store: removing an uploaded image deletes its blob") {
    TempDir tmp;
    auto store = open_store(tmp.store());
    Image image = create_ok(*store, uploadable());
    TestSource data("abc");
    REQUIRE(store->upload(image.id, data).ok());
    REQUIRE(blob_names(tmp.store()).size() == 1);
    REQUIRE(store->remove(image.id).ok());
    CHECK(blob_names(tmp.store()).empty());
  }

}  // TEST_SUITE

}  // namespace glancer::store_test
