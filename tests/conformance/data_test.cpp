// Conformance: upload, download, deactivate/reactivate.
#include <chrono>
#include <thread>

#include "conformance.h"
#include "core/hashing.h"

namespace glancer::conformance {

namespace {
std::string digest(HashAlgo algo, const std::string& data) {
  Hasher h(algo);
  h.update(data.data(), data.size());
  return h.finish();
}
}  // namespace

TEST_CASE("upload: queued → active with size, md5 and sha512; download returns the bytes") {
  Images images;
  Image im = images.create(Images::uploadable("upload"));
  const std::string data = pattern(3 * 1024 * 1024 + 17);
  StringSource source(data);
  auto up = service().upload(im.id, source);
  REQUIRE_MESSAGE(up.ok(), (up.ok() ? "" : up.error().message));
  CHECK(up->status == "active");
  CHECK(up->size == std::optional<int64_t>(static_cast<int64_t>(data.size())));
  CHECK(up->checksum == std::optional<std::string>(digest(HashAlgo::md5, data)));
  CHECK(up->os_hash_algo == std::optional<std::string>("sha512"));
  CHECK(up->os_hash_value == std::optional<std::string>(digest(HashAlgo::sha512, data)));

  StringSink all;
  REQUIRE(service().download(im.id, all).ok());
  CHECK(all.data == data);
  StringSink part;
  REQUIRE(service().download(im.id, part, ByteRange{10, 19}).ok());
  CHECK(part.data == data.substr(10, 10));
  StringSink tail;
  REQUIRE(service().download(im.id, tail, ByteRange{data.size() - 5, std::nullopt}).ok());
  CHECK(tail.data == data.substr(data.size() - 5));

  StringSource again("x");
  CHECK(code_of(service().upload(im.id, again)) == ErrorCode::conflict);
}

TEST_CASE("upload: an empty image without declared size; formats are required") {
  Images images;
  ImageCreate c = Images::uploadable("no-formats");
  c.disk_format.reset();
  c.container_format.reset();
  Image bare = images.create(c);
  StringSource s("abc");
  CHECK(code_of(service().upload(bare.id, s)) == ErrorCode::invalid_argument);
  CHECK(service().get(bare.id)->status == "queued");

  Image chunked = images.create(Images::uploadable("chunked"));
  StringSource unsized(pattern(1000));
  unsized.declare(std::nullopt);
  auto up = service().upload(chunked.id, unsized);
  REQUIRE_MESSAGE(up.ok(), (up.ok() ? "" : up.error().message));
  CHECK(up->size == std::optional<int64_t>(1000));
}

TEST_CASE("upload: a source shorter than declared fails and leaves the image queued") {
  Images images;
  Image im = images.create(Images::uploadable("short"));
  StringSource s(pattern(100));
  s.declare(200);
  auto up = service().upload(im.id, s);
  CHECK_FALSE(up.ok());
  // Over HTTP the server learns of the aborted body a moment after the client gives up.
  auto after = service().get(im.id);
  for (int i = 0; i < 100 && after.ok() && after->status == "saving"; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    after = service().get(im.id);
  }
  REQUIRE(after.ok());
  CHECK(after->status == "queued");
  CHECK_FALSE(after->size);
}

TEST_CASE("download: a queued image has no data; unknown images are not_found") {
  Images images;
  Image im = images.create(Images::uploadable("queued"));
  StringSink sink;
  CHECK(service().download(im.id, sink).ok());
  CHECK(sink.data.empty());
  CHECK(code_of(service().download("00000000-0000-4000-8000-000000000000", sink)) ==
        ErrorCode::not_found);
}

TEST_CASE("deactivate / reactivate: repeats are no-ops, other statuses forbidden") {
  Images images;
  Image im = images.create(Images::uploadable("deactivate"));
  CHECK(code_of(service().deactivate(im.id)) == ErrorCode::forbidden);
  StringSource s(pattern(64));
  REQUIRE(service().upload(im.id, s).ok());
  CHECK(service().deactivate(im.id).ok());
  CHECK(service().deactivate(im.id).ok());
  CHECK(service().get(im.id)->status == "deactivated");
  StringSink sink;
  CHECK(code_of(service().download(im.id, sink)) == ErrorCode::forbidden);
  CHECK(service().reactivate(im.id).ok());
  CHECK(service().reactivate(im.id).ok());
  CHECK(service().get(im.id)->status == "active");
}

}  // namespace glancer::conformance
