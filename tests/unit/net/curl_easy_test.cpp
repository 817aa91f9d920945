// net/curl_easy.h without a network: how requests are named and failures become errors.

#include "net/curl_easy.h"

#include <doctest/doctest.h>

#include <utility>

using namespace glancer;

TEST_SUITE("net") {
  TEST_CASE("curl: a request is named by its method and its URL with secrets redacted") {
    CHECK(net::describe("GET", "https://user:pw@mirror.example/a.img?token=t&x=1") ==
          "GET https://***@mirror.example/a.img?token=***&x=1");
    CHECK(net::describe("HEAD", "http://h/p") == "HEAD http://h/p");
  }

  TEST_CASE("curl: an HTTP refusal is not_found for 404, else transport") {
    Error e = net::status_error("GET http://h/p", 404);
    CHECK(e.code == ErrorCode::not_found);
    CHECK(e.message == "GET http://h/p: the server answered HTTP 404");
    CHECK(net::status_error("GET http://h/p", 503).code == ErrorCode::transport);
    CHECK(net::status_error("GET http://h/p", 302).code == ErrorCode::transport);
  }

  TEST_CASE("curl: a failed transfer is timeout or transport, with libcurl's message") {
    net::CurlEasy h;
    REQUIRE(h);
    Error timeout = net::transfer_error("GET http://h/p", h, CURLE_OPERATION_TIMEDOUT);
    CHECK(timeout.code == ErrorCode::timeout);
    CHECK(timeout.message ==
          "GET http://h/p: " + std::string(curl_easy_strerror(CURLE_OPERATION_TIMEDOUT)));
    Error refused = net::transfer_error("GET http://h/p", h, CURLE_COULDNT_CONNECT);
    CHECK(refused.code == ErrorCode::transport);
    CHECK(h.response_code() == 0);  // nothing was sent
  }

  TEST_CASE("curl: a handle moves with its error buffer and is released once") {
    net::CurlEasy a;
    REQUIRE(a);
    CURL* raw = a.get();
    a.set_common("http://h/p", net::Timeouts{});
    net::CurlEasy b(std::move(a));
    CHECK_FALSE(a);
    CHECK(b.get() == raw);
    net::CurlEasy c;
    c = std::move(b);
    CHECK(c.get() == raw);
    CHECK(c.error_detail(CURLE_COULDNT_RESOLVE_HOST) ==
          curl_easy_strerror(CURLE_COULDNT_RESOLVE_HOST));
  }
}
