// Interoperable image import (HttpImageService only; skipped for other targets): glance-direct
// always when the service enables it, web-download when GLANCER_CONFORMANCE_WEB_URL names a file
// served over HTTP whose sha512 is GLANCER_CONFORMANCE_WEB_SHA512.
#include <algorithm>
#include <cstdlib>

#include "conformance.h"
#include "core/hashing.h"
#include "glance/http_image_service.h"

namespace glancer::conformance {

namespace {
bool enabled(HttpImageService& http, const std::string& method) {
  auto methods = http.import_methods();
  REQUIRE(methods.ok());
  return std::find(methods->begin(), methods->end(), method) != methods->end();
}
}  // namespace

TEST_CASE("import: glance-direct stages then imports; web-download fetches a URL") {
  auto* http = dynamic_cast<HttpImageService*>(&service());
  if (!http || !enabled(*http, "glance-direct")) {
    MESSAGE("skipped: the target has no interoperable import");
    return;
  }
  Images images;
  Image im = images.create(Images::uploadable("glance-direct"));
  const std::string data = pattern(200000);
  StringSource source(data);
  REQUIRE(http->stage(im.id, source).ok());
  CHECK(service().get(im.id)->status == "uploading");
  auto started = http->start_import(im.id, "glance-direct");
  REQUIRE_MESSAGE(started.ok(), (started.ok() ? "" : started.error().message));
  auto done = http->wait_for_import(im.id, std::chrono::seconds(120));
  REQUIRE_MESSAGE(done.ok(), (done.ok() ? "" : done.error().message));
  Hasher sha(HashAlgo::sha512);
  sha.update(data.data(), data.size());
  CHECK(done->os_hash_value == std::optional<std::string>(sha.finish()));
  CHECK(done->size == std::optional<int64_t>(200000));

  const char* url = std::getenv("GLANCER_CONFORMANCE_WEB_URL");
  const char* sha512 = std::getenv("GLANCER_CONFORMANCE_WEB_SHA512");
  if (!url || !sha512 || !enabled(*http, "web-download")) return;
  Image web = images.create(Images::uploadable("web-download"));
  started = http->start_import(web.id, "web-download", url);
  REQUIRE_MESSAGE(started.ok(), (started.ok() ? "" : started.error().message));
  done = http->wait_for_import(web.id, std::chrono::seconds(120));
  REQUIRE_MESSAGE(done.ok(), (done.ok() ? "" : done.error().message));
  CHECK(done->os_hash_value == std::optional<std::string>(sha512));
}

}  // namespace glancer::conformance
