#include "report/style.h"

namespace glancer {

namespace {
const char* sequence(Tone tone) {
  switch (tone) {
    case Tone::added: return "\x1b[32m";     // green, as Terraform's create
    case Tone::changed: return "\x1b[33m";   // yellow
    case Tone::removed: return "\x1b[31m";   // red
    case Tone::replaced: return "\x1b[35m";  // magenta: destroy and create
    case Tone::good: return "\x1b[32m";
    case Tone::bad: return "\x1b[1;31m";
    case Tone::warning: return "\x1b[33m";
    case Tone::strong: return "\x1b[1m";
    case Tone::faint: return "\x1b[2m";
  }
  return "";
}
}  // namespace

std::string paint(const std::string& text, Tone tone, bool color) {
  if (!color || text.empty()) return text;
  return sequence(tone) + text + "\x1b[0m";
}

}  // namespace glancer
