#include "report/failure_view.h"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

using namespace glancer;

namespace {

FailureReport two_errors() {
  return FailureReport{"plan",
                       "local store s",
                       "the manifests have 2 errors",
                       {{SourcePos{"m.yaml", 6, 18}, Severity::error, "unknown disk_format `qcow`"},
                        {SourcePos{}, Severity::note, "skipped 1 YAML file"},
                        {SourcePos{"m.yaml", 8, 14}, Severity::error, "min_ram must be >= 0"}}};
}

}  // namespace

TEST_SUITE("report") {
  TEST_CASE("failure view: json has the error and every diagnostic with its position") {
    const auto doc = nlohmann::json::parse(render_failure(two_errors(), Format::json));
    CHECK(doc["format_version"] == 1);
    CHECK(doc["command"] == "plan");
    CHECK(doc["target"] == "local store s");
    CHECK(doc["error"]["message"] == "the manifests have 2 errors");
    REQUIRE(doc["error"]["diagnostics"].size() == 3);
    CHECK(doc["error"]["diagnostics"][0] ==
          nlohmann::json{{"file", "m.yaml"},
                         {"line", 6},
                         {"column", 18},
                         {"severity", "error"},
                         {"message", "unknown disk_format `qcow`"}});
    CHECK(doc["error"]["diagnostics"][1]["severity"] == "note");
  }

  TEST_CASE("failure view: junit has a failing testcase per error, or one for the error") {
    const std::string xml = render_failure(two_errors(), Format::junit);
    CHECK(xml.find("tests=\"2\" failures=\"2\"") != std::string::npos);
    CHECK(xml.find("<testcase classname=\"m.yaml\" name=\"m.yaml:8:14\"") != std::string::npos);
    CHECK(xml.find("skipped 1 YAML file") == std::string::npos);  // a note is no failure

    FailureReport down{"drift", "", "GET http://127.0.0.1:1/v2/images: connection refused", {}};
    const std::string one = render_failure(down, Format::junit);
    CHECK(one.find("tests=\"1\" failures=\"1\"") != std::string::npos);
    CHECK(one.find("message=\"GET http://127.0.0.1:1/v2/images: connection refused\"") !=
          std::string::npos);
  }

  TEST_CASE("failure view: markdown has an error section; human prints nothing") {
    const std::string md = render_failure(two_errors(), Format::markdown);
    CHECK(md.rfind("### glancer plan failed\n", 0) == 0);
    CHECK(md.find("**Error:** the manifests have 2 errors\n") != std::string::npos);
    CHECK(md.find("| m.yaml:6:18 | error | unknown disk\\_format \\`qcow\\` |\n") !=
          std::string::npos);
    CHECK(render_failure(two_errors(), Format::human).empty());
  }
}
