#include "core/hashing.h"

#include <doctest/doctest.h>

#include "core/uuid.h"

using namespace glancer;

TEST_SUITE("core") {
  TEST_CASE("hashing: known digests of \"abc\"") {
    auto hex = [](HashAlgo a) {
      Hasher h(a);
      h.update("ab", 2);
      h.update("c", 1);  // incremental updates give the same digest
      return h.finish();
    };
    CHECK(hex(HashAlgo::md5) == "900150983cd24fb0d6963f7d28e17f72");
    CHECK(hex(HashAlgo::sha1) == "a9993e364706816aba3e25717850c26c9cd0d89d");
    CHECK(hex(HashAlgo::sha256) ==
          "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(hex(HashAlgo::sha512).substr(0, 16) == "ddaf35a193617aba");
  }

  TEST_CASE("hashing: digests parse with their algorithm's length") {
    auto ok = Digest::parse("SHA256:" + std::string(64, 'A'));
    REQUIRE(ok.ok());
    CHECK(ok->to_string() == "sha256:" + std::string(64, 'a'));
    CHECK(Digest::parse("md5:abc").error().message ==
          "md5 checksum must be 32 hex digits, got `abc`");
    CHECK(Digest::parse("crc32:00").error().message ==
          "unknown checksum algorithm `crc32` (use md5, sha1, sha256 or sha512)");
    CHECK(Digest::parse("deadbeef").error().code == ErrorCode::invalid_argument);
    CHECK_FALSE(Digest::parse("sha1:" + std::string(40, 'g')).ok());
  }

  TEST_CASE("uuid: random v4 ids are well-formed and distinct") {
    std::string a = new_uuid(), b = new_uuid();
    CHECK(is_uuid(a));
    CHECK(a != b);
    CHECK(a[14] == '4');
    CHECK_FALSE(is_uuid("not-a-uuid"));
    CHECK_FALSE(is_uuid("0123456789abcdef0123456789abcdef0123"));
  }

}  // TEST_SUITE
