#include "report/junit.h"

#include <cstdio>

namespace glancer {

std::string xml_escape(const std::string& text, bool in_attribute) {
  std::string out;
  out.reserve(text.size());
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      case '\t': out += in_attribute ? "&#9;" : "\t"; break;
      case '\n': out += in_attribute ? "&#10;" : "\n"; break;
      case '\r': out += "&#13;"; break;
      default:
        if (c < 0x20 || c == 0x7f)
          out += "\xef\xbf\xbd";  // U+FFFD: XML 1.0 cannot carry these even as references
        else
          out += ch;
    }
  }
  return out;
}

namespace {

std::string seconds_text(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", s);
  return buf;
}

}  // namespace

std::string render_junit(const std::string& suite_name, const std::vector<JUnitCase>& cases) {
  int failures = 0, skipped = 0;
  double total = 0;
  for (const JUnitCase& c : cases) {
    failures += c.failure_message.has_value();
    skipped += !c.failure_message && c.skipped_message;
    total += c.seconds;
  }
  const std::string counts = " tests=\"" + std::to_string(cases.size()) + "\" failures=\"" +
                             std::to_string(failures) + "\" errors=\"0\" skipped=\"" +
                             std::to_string(skipped) + "\" time=\"" + seconds_text(total) + "\"";
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += "<testsuites name=\"glancer\"" + counts + ">\n";
  out += "  <testsuite name=\"" + xml_escape(suite_name) + "\"" + counts + ">\n";
  for (const JUnitCase& c : cases) {
    out += "    <testcase classname=\"" + xml_escape(c.classname) + "\" name=\"" +
           xml_escape(c.name) + "\" time=\"" + seconds_text(c.seconds) + "\"";
    if (c.failure_message) {
      out += ">\n      <failure message=\"" + xml_escape(*c.failure_message) + "\">" +
             xml_escape(c.failure_text, /*in_attribute=*/false) + "</failure>\n    </testcase>\n";
    } else if (c.skipped_message) {
      out += ">\n      <skipped message=\"" + xml_escape(*c.skipped_message) +
             "\"/>\n    </testcase>\n";
    } else {
      out += "/>\n";
    }
  }
  out += "  </testsuite>\n</testsuites>\n";
  return out;
}

}  // namespace glancer
