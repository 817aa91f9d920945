#include "manifest/reference_token.h"

namespace glancer::manifest {

namespace {

constexpr std::string_view k_open = "${image.";
constexpr std::string_view k_id = ".id";

}  // namespace

std::vector<ReferenceToken> scan_references(std::string_view value) {
  std::vector<ReferenceToken> out;
  for (size_t at = value.find(k_open); at != std::string_view::npos;
       at = value.find(k_open, at + 1)) {
    ReferenceToken t;
    size_t close = value.find('}', at);
    t.offset = at;
    t.length = close == std::string_view::npos ? value.size() - at : close - at + 1;
    t.text = std::string(value.substr(t.offset, t.length));
    std::string_view inner = close == std::string_view::npos
                                 ? ""
                                 : value.substr(at + k_open.size(), close - at - k_open.size());
    if (inner.size() <= k_id.size() || !inner.ends_with(k_id)) {
      t.malformed = true;
    } else {
      std::string_view ref = inner.substr(0, inner.size() - k_id.size());
      if (size_t slash = ref.find('/'); slash != std::string_view::npos) {
        t.set = std::string(ref.substr(0, slash));
        t.key = std::string(ref.substr(slash + 1));
        t.malformed = t.set.empty() || t.key.empty();
      } else {
        t.key = std::string(ref);
      }
    }
    out.push_back(std::move(t));
  }
  return out;
}

}  // namespace glancer::manifest
