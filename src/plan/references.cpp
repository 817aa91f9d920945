#include "plan/references.h"

namespace glancer {

std::vector<ReferenceToken> find_references(const std::string& text) {
  static const std::string k_open = "${image.";
  static const std::string k_close = ".id}";
  std::vector<ReferenceToken> out;
  for (size_t at = text.find(k_open); at != std::string::npos; at = text.find(k_open, at + 1)) {
    size_t close = text.find(k_close, at + k_open.size());
    if (close == std::string::npos) break;
    std::string inner = text.substr(at + k_open.size(), close - at - k_open.size());
    if (inner.empty() || inner.find('}') != std::string::npos) continue;
    ReferenceToken t;
    t.offset = at;
    t.length = close + k_close.size() - at;
    if (size_t slash = inner.find('/'); slash != std::string::npos) {
      t.set = inner.substr(0, slash);
      t.key = inner.substr(slash + 1);
    } else {
      t.key = inner;
    }
    out.push_back(std::move(t));
  }
  return out;
}

std::string substitute_references(
    const std::string& text,
    const std::function<std::optional<std::string>(const ReferenceToken&)>& id_of) {
  std::string out;
  size_t copied = 0;
  for (const ReferenceToken& t : find_references(text)) {
    out.append(text, copied, t.offset - copied);
    auto id = id_of(t);
    out += id ? *id : text.substr(t.offset, t.length);
    copied = t.offset + t.length;
  }
  out.append(text, copied, std::string::npos);
  return out;
}

}  // namespace glancer
