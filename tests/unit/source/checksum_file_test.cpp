#include "source/checksum_file.h"

#include <doctest/doctest.h>

#include "core/url.h"

using namespace glancer;

namespace {

const std::string k_a256(64, 'a'), k_b256(64, 'b'), k_c512(128, 'c');

}  // namespace

TEST_SUITE("source") {
  TEST_CASE("checksum files: GNU coreutils lists, text and binary mode") {
    const std::string sums = k_a256 + "  focal-server-cloudimg-amd64.img\n" + k_b256 +
                             " *focal-server-cloudimg-arm64.img\n";
    auto a = find_checksum(sums, "focal-server-cloudimg-amd64.img");
    REQUIRE(a);
    CHECK(a->algo == HashAlgo::sha256);
    CHECK(a->hex == k_a256);
    auto b = find_checksum(sums, "focal-server-cloudimg-arm64.img");
    REQUIRE(b);
    CHECK(b->hex == k_b256);
  }

  TEST_CASE("checksum files: BSD tags inside a PGP clear-signed CentOS CHECKSUM") {
    const std::string text =
        "-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\n"
        "# CentOS-8-GenericCloud-8.4.2105-20210603.0.x86_64.qcow2: 1317140480 bytes\n"
        "SHA256 (CentOS-8-GenericCloud-8.4.2105-20210603.0.x86_64.qcow2) = " +
        std::string(64, 'D') +
        "\n"
        "SHA512 (other.qcow2) = " +
        k_c512 +
        "\n"
        "-----BEGIN PGP SIGNATURE-----\n\n" +
        k_a256 + "\n-----END PGP SIGNATURE-----\n";
    auto d = find_checksum(text, "CentOS-8-GenericCloud-8.4.2105-20210603.0.x86_64.qcow2");
    REQUIRE(d);
    CHECK(d->algo == HashAlgo::sha256);
    CHECK(d->hex == std::string(64, 'd'));  // lowercased
    auto other = find_checksum(text, "other.qcow2");
    REQUIRE(other);
    CHECK(other->algo == HashAlgo::sha512);
  }

  TEST_CASE("checksum files: the algorithm follows the hex length (MD5SUMS, SHA512SUMS)") {
    auto md5 = find_checksum(std::string(32, 'e') + "  cirros-0.3.6-x86_64-disk.img\n",
                             "cirros-0.3.6-x86_64-disk.img");
    REQUIRE(md5);
    CHECK(md5->algo == HashAlgo::md5);
    auto sha512 =
        find_checksum(k_c512 + "  ./debian-10.qcow2\r\n", "debian-10.qcow2");  // "./" and CRLF
    REQUIRE(sha512);
    CHECK(sha512->algo == HashAlgo::sha512);
  }

  TEST_CASE("checksum files: a single bare digest names whatever file it was published for") {
    auto d = find_checksum(k_a256 + "\n", "anything.img");
    REQUIRE(d);
    CHECK(d->hex == k_a256);
  }

  TEST_CASE("checksum files: missing, empty and contradictory entries are errors") {
    auto missing = find_checksum(k_a256 + "  a.img\n" + k_b256 + "  b.img\n", "c.img");
    REQUIRE_FALSE(missing);
    CHECK(missing.error().code == ErrorCode::not_found);
    CHECK(missing.error().message ==
          "the checksum file has no entry for `c.img` (it lists 2 files)");
    auto empty = find_checksum("<html>Not here</html>\n", "a.img");
    REQUIRE_FALSE(empty);
    CHECK(empty.error().message == "the checksum file lists no digest");
    auto twice = find_checksum(k_a256 + "  a.img\n" + k_b256 + "  a.img\n", "a.img");
    REQUIRE_FALSE(twice);
    CHECK(twice.error().message.find("twice") != std::string::npos);
    CHECK(find_checksum(k_a256 + "  a.img\n" + k_a256 + "  a.img\n", "a.img"));  // a repeat agrees
  }

  TEST_CASE("checksum files: hex of a wrong length or with a wrong tag is not an entry") {
    CHECK_FALSE(find_checksum(std::string(63, 'a') + "  a.img\n", "a.img"));
    CHECK_FALSE(find_checksum("SHA256 (a.img) = " + k_c512 + "\n", "a.img"));
  }

  TEST_CASE("url_file_name: last path segment, decoded, without query or fragment") {
    CHECK(url_file_name("https://h/a/b.img") == "b.img");
    CHECK(url_file_name("https://h/a/b%20c.img?sig=1#x") == "b c.img");
    CHECK(url_file_name("https://h/") == "");
    CHECK(percent_decode("%zz%41") == "%zzA");  // a malformed escape stays as written
  }

}  // TEST_SUITE
