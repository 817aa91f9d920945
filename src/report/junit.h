#pragma once
/// JUnit XML, the test report format CI systems (GitLab, Jenkins, GitHub test reporters) show
/// in their test tab: one testcase per image.

#include <optional>
#include <string>
#include <vector>

namespace glancer {

/// One testcase: classname = the image's set, name = its key.
struct JUnitCase {
  std::string classname;
  std::string name;
  double seconds = 0;
  std::optional<std::string> failure_message;  ///< set: a <failure message=…>
  std::string failure_text;                    ///< the failure's details (element text)
  std::optional<std::string> skipped_message;  ///< set: a <skipped message=…/>
};

/// `text` escaped for XML: & < > " ' as entities; in an attribute value also tabs and line
/// breaks as character references (parsers would otherwise fold them into spaces); characters
/// XML 1.0 forbids (other control characters) replaced by U+FFFD.
std::string xml_escape(const std::string& text, bool in_attribute = true);

/// A whole JUnit document: <testsuites> with one <testsuite name=…> holding `cases`, with
/// tests/failures/skipped counts on both.
std::string render_junit(const std::string& suite_name, const std::vector<JUnitCase>& cases);

}  // namespace glancer
