// Fuzz target: hostile image headers through the content inspector, read whole and streamed.
// The inspector must stay inside its views, and the streamed check must judge the bytes the
// same way as the inspection of the whole data.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "source/format_inspector.h"
#include "source/inspecting_source.h"

namespace {

class Bytes : public glancer::ByteSource {
 public:
  Bytes(std::string_view data, size_t step) : m_data(data), m_step(step) {}
  glancer::Result<size_t> read(char* buf, size_t n) override {
    size_t k = std::min({n, m_step, m_data.size() - m_at});
    m_data.copy(buf, k, m_at);
    m_at += k;
    return k;
  }
  std::optional<uint64_t> size() const override { return m_data.size(); }

 private:
  std::string_view m_data;
  size_t m_step;
  size_t m_at = 0;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace glancer;
  if (size == 0) return 0;
  // The first byte picks the declared format and the read size; the rest is the image.
  static const char* const k_formats[] = {"raw", "qcow2", "vmdk",  "vhd", "vhdx",
                                          "vdi", "iso",   "ploop", "ami"};
  const std::string format = k_formats[data[0] % std::size(k_formats)];
  const bool allow = data[0] & 0x80;
  std::string_view image(reinterpret_cast<const char*>(data) + 1, size - 1);
  std::string_view head = image.substr(0, k_inspect_head_bytes);
  std::string_view tail = image.substr(image.size() - std::min(image.size(), k_inspect_tail_bytes));
  ImageInspection whole = inspect_image(head, tail, image.size());
  FUZZ_CHECK(!whole.format.empty());
  bool refused = !content_findings(whole, format, allow).empty();

  Bytes source(image, 61 + (data[0] >> 3) * 257);  // odd sizes cross the head and tail edges
  InspectingSource streamed(source, format, allow, "fuzz");
  char buf[4096];
  bool stream_refused = false;
  for (;;) {
    auto n = streamed.read(buf, sizeof buf);
    if (!n) {
      stream_refused = true;
      break;
    }
    if (*n == 0) break;
  }
  FUZZ_CHECK(refused == stream_refused);
  return 0;
}
