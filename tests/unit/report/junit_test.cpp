#include "report/junit.h"

#include <doctest/doctest.h>

using namespace glancer;

TEST_CASE("junit: xml_escape escapes markup, keeps text, and drops what XML 1.0 forbids") {
  CHECK(xml_escape("a<b>&\"c\"'d'") == "a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;");
  CHECK(xml_escape("line1\nline2\tx") == "line1&#10;line2&#9;x");
  CHECK(xml_escape("line1\nline2\tx", /*in_attribute=*/false) == "line1\nline2\tx");
  CHECK(xml_escape(std::string("bell\x07") + "esc\x1b") ==
        "bell\xef\xbf\xbd"
        "esc\xef\xbf\xbd");
  CHECK(xml_escape("Ubuntu 22.04 – ü") == "Ubuntu 22.04 – ü");  // UTF-8 passes through
  CHECK(xml_escape("]]>") == "]]&gt;");
}

TEST_CASE("junit: render_junit counts failures and skips and escapes every field") {
  std::vector<JUnitCase> cases(3);
  cases[0].classname = "set<1>";
  cases[0].name = "ok";
  cases[1].classname = "set<1>";
  cases[1].name = "bad & \"quoted\"";
  cases[1].failure_message = "failed: <reason>";
  cases[1].failure_text = "line 1\nline <2>\n";
  cases[1].seconds = 1.5;
  cases[2].classname = "set<1>";
  cases[2].name = "later";
  cases[2].skipped_message = "depends on set<1>/bad";
  const std::string xml = render_junit("glancer apply", cases);
  CHECK(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"));
  CHECK(xml.find("<testsuite name=\"glancer apply\" tests=\"3\" failures=\"1\" errors=\"0\" "
                 "skipped=\"1\" time=\"1.500\">") != std::string::npos);
  CHECK(xml.find("<testcase classname=\"set&lt;1&gt;\" name=\"ok\" time=\"0.000\"/>") !=
        std::string::npos);
  CHECK(xml.find("name=\"bad &amp; &quot;quoted&quot;\"") != std::string::npos);
  CHECK(
      xml.find("<failure message=\"failed: &lt;reason&gt;\">line 1\nline &lt;2&gt;\n</failure>") !=
      std::string::npos);
  CHECK(xml.find("<skipped message=\"depends on set&lt;1&gt;/bad\"/>") != std::string::npos);
  CHECK(xml.ends_with("  </testsuite>\n</testsuites>\n"));
}
