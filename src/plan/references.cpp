#include "plan/references.h"

namespace glancer {

std::string substitute_references(
    const std::string& text,
    const std::function<std::optional<std::string>(const ReferenceToken&)>& id_of) {
  std::string out;
  size_t copied = 0;
  for (const ReferenceToken& t : manifest::scan_references(text)) {
    // Overlapping tokens (`${image.a${image.b.id}`): the outer one already took the text.
    if (t.malformed || t.offset < copied) continue;
    auto id = id_of(t);
    if (!id) continue;  // stays as written, copied with the text around it
    out.append(text, copied, t.offset - copied);
    out += *id;
    copied = t.offset + t.length;
  }
  out.append(text, copied, std::string::npos);
  return out;
}

}  // namespace glancer
