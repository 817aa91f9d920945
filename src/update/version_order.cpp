#include "update/version_order.h"

#include <cctype>

namespace glancer {

namespace {

bool digit(char c) {
  return std::isdigit(static_cast<unsigned char>(c)) != 0;
}

// The next run of digits or of non-digits at the front of `s`, removed from it.
std::string_view next_run(std::string_view& s) {
  size_t n = 1;
  while (n < s.size() && digit(s[n]) == digit(s[0])) ++n;
  std::string_view run = s.substr(0, n);
  s.remove_prefix(n);
  return run;
}

int compare_numbers(std::string_view a, std::string_view b) {
  while (a.size() > 1 && a[0] == '0') a.remove_prefix(1);
  while (b.size() > 1 && b[0] == '0') b.remove_prefix(1);
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  return a.compare(b);
}

}  // namespace

int compare_versions(std::string_view a, std::string_view b) {
  while (!a.empty() && !b.empty()) {
    const bool numeric = digit(a[0]) && digit(b[0]);
    std::string_view ra = next_run(a), rb = next_run(b);
    int c = numeric ? compare_numbers(ra, rb) : ra.compare(rb);
    if (c != 0) return c < 0 ? -1 : 1;
  }
  if (a.empty() && b.empty()) return 0;
  return a.empty() ? -1 : 1;
}

}  // namespace glancer
