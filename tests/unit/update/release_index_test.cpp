// Reading release indexes and ordering versions: pure functions, tables of cases.

#include "update/release_index.h"

#include <doctest/doctest.h>

#include "support/doctest_strings.h"
#include "update/version_order.h"

using namespace glancer;
using Strings = std::vector<std::string>;

TEST_SUITE("update") {
  TEST_CASE("versions compare by numeric components") {
    CHECK(compare_versions("9-20240201.0", "9-20240115.1") > 0);
    CHECK(compare_versions("20240201", "20240101") > 0);
    CHECK(compare_versions("0.6.10", "0.6.9") > 0);
    CHECK(compare_versions("10", "9") > 0);
    CHECK(compare_versions("007", "7") == 0);
    CHECK(compare_versions("1.2", "1.2.1") < 0);
    CHECK(compare_versions("20240101-1000", "20240101-0959") > 0);
    CHECK(compare_versions("b", "a") > 0);
    CHECK(compare_versions("", "") == 0);
  }

  TEST_CASE("an Apache autoindex: its hrefs are the candidates, sort links without queries") {
    const char* html = R"(<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 3.2 Final//EN">
<html><head><title>Index of /releases/focal</title></head><body>
<table><tr><th><a href="?C=N;O=D">Name</a></th><th><a href="?C=M;O=A">Last modified</a></th></tr>
<tr><td><a href="/releases/">Parent Directory</a></td></tr>
<tr><td><a href="release-20240101/">release-20240101/</a></td><td>2024-01-02 10:00</td></tr>
<tr><td><a href="release-20240201/">release-20240201/</a></td><td>2024-02-02 10:00</td></tr>
<tr><td><A HREF='current/'>current/</a></td></tr></table></body></html>)";
    IndexEntries e = read_index(html);
    CHECK_FALSE(e.checksum_file);
    CHECK(e.candidates ==
          Strings{"/releases/", "release-20240101/", "release-20240201/", "current/"});
  }

  TEST_CASE("nginx and python http.server listings") {
    IndexEntries nginx = read_index(
        "<html><head><title>Index of /debian/</title></head><body><h1>Index of /debian/</h1><hr>"
        "<pre><a href=\"../\">../</a>\n<a href=\"20240101-1000/\">20240101-1000/</a>   "
        "01-Jan-2024\n"
        "<a href=\"20240201-1234/\">20240201-1234/</a>   01-Feb-2024\n</pre><hr></body></html>\n");
    CHECK(nginx.candidates == Strings{"../", "20240101-1000/", "20240201-1234/"});
    IndexEntries python = read_index(
        "<ul>\n<li><a href=\"0.6.1/\">0.6.1/</a></li>\n<li><a href=\"a%20b&amp;c/\">a b&amp;c/</a>"
        "</li>\n<li><a href=0.6.2/>0.6.2/</a></li>\n</ul>\n");
    CHECK(python.candidates == Strings{"0.6.1/", "a%20b&c/", "0.6.2/"});
  }

  TEST_CASE("a checksum file's names are the candidates, GNU and BSD") {
    IndexEntries bsd = read_index(
        "# CentOS-Stream-GenericCloud-9-20240201.0.x86_64.qcow2: 1 bytes\n"
        "SHA256 (CentOS-Stream-GenericCloud-9-20240115.1.x86_64.qcow2) = " +
        std::string(64, 'a') +
        "\nSHA256 (CentOS-Stream-GenericCloud-9-20240201.0.x86_64.qcow2) = " +
        std::string(64, 'b') + "\nSHA256 (CentOS-Stream-GenericCloud-9-latest.x86_64.qcow2) = " +
        std::string(64, 'b') + "\n");
    CHECK(bsd.checksum_file);
    CHECK(bsd.candidates == Strings{"CentOS-Stream-GenericCloud-9-20240115.1.x86_64.qcow2",
                                    "CentOS-Stream-GenericCloud-9-20240201.0.x86_64.qcow2",
                                    "CentOS-Stream-GenericCloud-9-latest.x86_64.qcow2"});
    IndexEntries gnu =
        read_index(std::string(64, 'c') + " *focal.img\n" + std::string(64, 'd') + "  jammy.img\n");
    CHECK(gnu.candidates == Strings{"focal.img", "jammy.img"});
  }

  TEST_CASE("the newest release is the highest version the pattern matches whole") {
    Strings c{"CentOS-Stream-GenericCloud-9-20240115.1.x86_64.qcow2",
              "CentOS-Stream-GenericCloud-9-20240201.0.x86_64.qcow2",
              "CentOS-Stream-GenericCloud-9-20240201.0.x86_64.qcow2.sig",
              "CentOS-Stream-GenericCloud-9-latest.x86_64.qcow2"};
    auto r = newest_release(c, R"(CentOS-Stream-GenericCloud-(9-\d{8}\.\d+)\.x86_64\.qcow2)");
    REQUIRE(r);
    REQUIRE(*r);
    CHECK((*r)->name == "CentOS-Stream-GenericCloud-9-20240201.0.x86_64.qcow2");
    CHECK((*r)->version == "9-20240201.0");
    auto none = newest_release(c, "Fedora-(\\d+)");
    REQUIRE(none);
    CHECK_FALSE(*none);
    auto bad = newest_release(c, "(");
    CHECK_FALSE(bad);
  }

  TEST_CASE("templates: {base} {name} {version}") {
    Release r{"release-20240201/", "20240201"};
    std::string base = index_base("https://m.example/ubuntu/focal/");
    CHECK(base == "https://m.example/ubuntu/focal/");
    CHECK(index_base("https://m.example/centos/CHECKSUM?x=1") == "https://m.example/centos/");
    CHECK(expand_template("{base}release-{version}/focal.img", base, r) ==
          "https://m.example/ubuntu/focal/release-20240201/focal.img");
    CHECK(expand_template("{base}{name}", base, r) ==
          "https://m.example/ubuntu/focal/release-20240201/");
    CHECK(expand_template("{other}", base, r) == "{other}");
  }
}
