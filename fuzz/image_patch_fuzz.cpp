// Fuzz target: a PATCH body (JSON-patch) parsed as the server does and applied with Glance's
// rules to a queued and an active image. Any input gives an error value or a patched image
// that still satisfies the rules (queued-only formats, quotas, string properties).

#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_check.h"
#include "server/routes.h"
#include "store/image_patch.h"

namespace {

glancer::Image sample(const std::string& status) {
  glancer::Image im;
  im.id = "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9";
  im.name = "fuzz";
  im.status = status;
  im.visibility = "private";
  im.disk_format = "raw";
  im.container_format = "bare";
  im.tags = {"a", "b"};
  im.properties = {{"glancer.set", "s"}, {"glancer.key", "k"}, {"os_distro", "cirros"}};
  im.created_at = im.updated_at = "2026-11-27T00:00:00Z";
  return im;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace glancer;
  std::string text(reinterpret_cast<const char*>(data), size);
  auto body = nlohmann::json::parse(text, nullptr, false);
  if (body.is_discarded()) {
    (void)patch_path_key(text);  // the raw bytes as a JSON pointer too
    return 0;
  }
  auto ops = parse_patch(body);
  if (!ops) return 0;
  for (const PatchOp& op : *ops) (void)patch_path_key(op.path);
  for (const char* status : {"queued", "active"}) {
    Image before = sample(status);
    Image image = before;
    if (!apply_patch(image, *ops)) continue;
    FUZZ_CHECK(image.id == before.id && image.status == before.status);
    FUZZ_CHECK(image.created_at == before.created_at && image.updated_at == before.updated_at);
    if (before.status != "queued")
      FUZZ_CHECK(image.disk_format == before.disk_format &&
                 image.container_format == before.container_format);
  }
  return 0;
}
