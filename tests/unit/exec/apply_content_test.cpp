// Every byte glancer sends to a service is inspected before the image is published, and data
// a service fetched itself (web-download) is inspected after the import: a refusal removes the
// new image and leaves the current one as it was.

#include <doctest/doctest.h>

#include "exec_test_support.h"

using namespace glancer;
using namespace glancer::exec_test;
using Strings = std::vector<std::string>;

namespace {

const std::string k_url = "https://mirror.test/disk.img";

// `n` bytes no image format claims (no magic at any offset the inspector reads).
std::string random_bytes(size_t n) {
  std::string data(n, '\0');
  uint64_t x = 0x9e3779b97f4a7c15;
  for (char& c : data) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    c = static_cast<char>(x);
  }
  return data;
}

// A qcow2 v2 header: magic, version 2, no backing file, padded to 4 KiB.
std::string qcow2_image() {
  std::string data(4096, '\0');
  data.replace(0, 4, "QFI\xfb");
  data[7] = 2;
  return data;
}

// Image "disk" of `disk_format` from k_url, with the checksum of `data`.
DesiredImage url_image(const std::string& disk_format, const std::string& data,
                       const std::string& method = "") {
  DesiredImage d = desired_image("disk", data);
  d.disk_format = disk_format;
  d.source->file.clear();
  d.source->url = k_url;
  d.source->method = method;
  return d;
}

}  // namespace

TEST_SUITE("exec") {
  TEST_CASE("apply: an upload is inspected even when the service stops reading at its size") {
    // HttpImageService (curl) sends Content-Length bytes and never reads the end of the stream.
    Harness h;
    h.service.stop_uploads_at_declared_size();
    const std::string data = random_bytes(1 << 20);
    h.opener.add_url(k_url, data);
    const std::string id = image_id(1);
    const ApplyOutcome out =
        h.apply(plan_of({make_change(Action::create, url_image("qcow2", data), id)}));

    CHECK(out.failed == 1);
    CHECK(h.observer.outcomes() ==
          Strings{"failed s/disk: image `disk`: source " + k_url +
                  ": the data is not a known image format, but disk_format is qcow2"});
    CHECK(h.service.call_strings() == Strings{"create " + id, "upload " + id, "remove " + id});
    CHECK(h.store->list({})->empty());
  }

  TEST_CASE("apply: a replace whose new data is refused keeps the current image") {
    Harness h;
    h.service.stop_uploads_at_declared_size();
    const Image old = h.live_image(image_id(1), "disk", "Image disk", "old");
    const std::string data = random_bytes(100'000);
    h.opener.add_url(k_url, data);
    Change replace = make_change(Action::replace, url_image("qcow2", data), image_id(2));
    replace.live = live_ref(old);
    const ApplyOutcome out = h.apply(plan_of({replace}));

    CHECK(out.failed == 1);
    CHECK(h.gone(image_id(2)));
    const Image kept = h.stored(old.id);
    CHECK(kept.status == "active");
    CHECK(kept.name == "Image disk");
  }

  TEST_CASE("apply: web-download data is inspected before it is published") {
    const std::string id = image_id(1);

    SUBCASE("a qcow2 imported as raw is removed") {
      Harness h;
      const std::string data = qcow2_image();
      h.service.serve_url(k_url, data);
      const ApplyOutcome out = h.apply(
          plan_of({make_change(Action::create, url_image("raw", data, "web-download"), id)}));

      CHECK(out.failed == 1);
      CHECK(h.observer.outcomes() ==
            Strings{"failed s/disk: image `disk`: source " + k_url +
                    " (web-download): the data is qcow2, but disk_format is raw"});
      CHECK(h.service.call_strings() ==
            Strings{"create " + id, "web_download " + id, "download " + id, "remove " + id});
      CHECK(h.store->list({})->empty());
    }
    SUBCASE("a refused rotate never demotes the current image") {
      Harness h;
      const Image old = h.live_image(image_id(2), "disk", "Image disk", "version 1");
      const std::string data = qcow2_image();
      h.service.serve_url(k_url, data);
      Change rotate = make_change(Action::rotate, url_image("raw", data, "web-download"), id);
      rotate.live = live_ref(old);
      rotate.previous_name = "Image disk (1)";
      const ApplyOutcome out = h.apply(plan_of({rotate}));

      CHECK(out.failed == 1);
      CHECK(h.gone(id));
      const Image kept = h.stored(old.id);
      CHECK(kept.name == "Image disk");
      CHECK_FALSE(kept.hidden);
    }
    SUBCASE("with the service's own digest only the head and tail are read") {
      Harness h;
      const std::string data = random_bytes(200'000);
      h.service.serve_url(k_url, data);
      DesiredImage d = url_image("raw", data, "web-download");
      Hasher md5(HashAlgo::md5);
      md5.update(data.data(), data.size());
      d.source->checksum = Digest{HashAlgo::md5, md5.finish()};
      const ApplyOutcome out = h.apply(plan_of({make_change(Action::create, d, id)}));

      CHECK(out.ok());
      CHECK(h.service.call_strings() == Strings{"create " + id, "web_download " + id,
                                                "download " + id, "download " + id,
                                                "update " + id});
    }
  }
}
