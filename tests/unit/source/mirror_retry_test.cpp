#include "source/mirror_retry.h"

#include <doctest/doctest.h>

#include <cstdlib>
#include <string>
#include <vector>

using namespace glancer;
using Strings = std::vector<std::string>;

namespace {

// Mirror options whose waits are recorded, not slept, and whose notices are kept.
struct Recorded {
  MirrorOptions options;
  std::vector<std::chrono::milliseconds> waits;
  Strings notices;
  Recorded() {
    options.retry.sleep = [this](std::chrono::milliseconds d) { waits.push_back(d); };
    options.notice = [this](const std::string& line) { notices.push_back(line); };
  }
};

}  // namespace

TEST_SUITE("source") {
  TEST_CASE("mirror retry: transient failures are retried with announced waits until one passes") {
    Recorded r;
    int calls = 0;
    auto got = retry_mirror_request<std::string>(
        r.options, "http://m/SUMS", [&](bool& transient) -> Result<std::string> {
          if (++calls < 3) {
            transient = true;
            return fail(ErrorCode::timeout, "GET http://m/SUMS: no answer within 10 s");
          }
          return std::string("sums");
        });
    REQUIRE(got);
    CHECK(*got == "sums");
    CHECK(calls == 3);
    REQUIRE(r.waits.size() == 2);
    CHECK(r.waits[0] >= std::chrono::milliseconds(250));  // backoff: [base/2, base] then doubled
    CHECK(r.waits[1] >= std::chrono::milliseconds(500));
    REQUIRE(r.notices.size() == 2);
    CHECK(r.notices[0] == "mirror: GET http://m/SUMS: no answer within 10 s; retry 2/6 in " +
                              wait_text(r.waits[0]));
    CHECK(r.notices[1].find("; retry 3/6 in ") != std::string::npos);
  }

  TEST_CASE("mirror retry: gives up after the policy's attempts, saying so") {
    Recorded r;
    r.options.retry.max_attempts = 3;
    int calls = 0;
    Status done =
        retry_mirror_request<void>(r.options, "http://m/x.img", [&](bool& transient) -> Status {
          ++calls;
          transient = true;
          return fail(ErrorCode::transport, "GET http://m/x.img: the server answered HTTP 503");
        });
    REQUIRE_FALSE(done);
    CHECK(calls == 3);
    CHECK(r.waits.size() == 2);
    CHECK(done.error().code == ErrorCode::transport);
    CHECK(done.error().message ==
          "GET http://m/x.img: the server answered HTTP 503 (gave up after 3 attempts)");
  }

  TEST_CASE("mirror retry: a refusal that will not pass, and an interrupt, are not retried") {
    Recorded r;
    int calls = 0;
    Status refused = retry_mirror_request<void>(r.options, "http://m/x.img", [&](bool&) -> Status {
      ++calls;
      return fail(ErrorCode::not_found, "GET http://m/x.img: the server answered HTTP 404");
    });
    CHECK(calls == 1);
    CHECK(refused.error().message == "GET http://m/x.img: the server answered HTTP 404");
    std::atomic<bool> cancel{true};
    r.options.cancel = &cancel;
    Status cancelled =
        retry_mirror_request<void>(r.options, "http://m/x.img", [&](bool& transient) -> Status {
          ++calls;
          transient = true;
          return fail(ErrorCode::timeout, "slow");
        });
    CHECK(calls == 2);
    CHECK(r.waits.empty());
    CHECK(r.notices.empty());
  }

  TEST_CASE("mirror retry: a mirror that gave up is not asked again in the run; others are") {
    Recorded r;
    r.options.retry.max_attempts = 2;
    r.options.unreachable = std::make_shared<UnreachableMirrors>();
    int calls = 0;
    auto down = [&](bool& transient) -> Status {
      ++calls;
      transient = true;
      return fail(ErrorCode::transport, "GET http://m:8080/a/SUMS: Connection refused");
    };
    CHECK_FALSE(retry_mirror_request<void>(r.options, "http://m:8080/a/SUMS", down));
    CHECK(calls == 2);
    Status again = retry_mirror_request<void>(r.options, "http://m:8080/b/x.img", down);
    CHECK(calls == 2);  // not tried, no wait
    CHECK(r.waits.size() == 1);
    CHECK(again.error().code == ErrorCode::transport);
    CHECK(again.error().message ==
          "http://m:8080/b/x.img: not tried: http://m:8080 gave up earlier in this run (GET "
          "http://m:8080/a/SUMS: Connection refused)");
    // Another mirror, and a refusal that is an answer (404), do not mark a mirror.
    auto missing = [&](bool&) -> Status {
      ++calls;
      return fail(ErrorCode::not_found, "GET http://n/x.img: the server answered HTTP 404");
    };
    CHECK_FALSE(retry_mirror_request<void>(r.options, "http://n/x.img", missing));
    CHECK_FALSE(retry_mirror_request<void>(r.options, "http://n/y.img", missing));
    CHECK(calls == 4);
    CHECK(url_origin("https://user@h:1/p?q") == "https://user@h:1");
    CHECK(url_origin("http://h") == "http://h");
  }

  TEST_CASE("mirror options: from the environment, refusing what is not a positive number") {
    CHECK(wait_text(std::chrono::milliseconds(4000)) == "4.0 s");
    CHECK(wait_text(std::chrono::milliseconds(12000)) == "12 s");
    setenv("GLANCER_MIRROR_ANSWER_TIMEOUT", "3", 1);
    setenv("GLANCER_MIRROR_ATTEMPTS", "2", 1);
    auto set = mirror_options_from_env();
    REQUIRE(set);
    CHECK(set->answer_timeout_s == 3);
    CHECK(set->retry.max_attempts == 2);
    CHECK(set->connect_timeout_s == MirrorOptions{}.connect_timeout_s);
    setenv("GLANCER_MIRROR_STALL_TIMEOUT", "0", 1);
    auto zero = mirror_options_from_env();
    REQUIRE_FALSE(zero);
    CHECK(zero.error().message == "GLANCER_MIRROR_STALL_TIMEOUT=0: must be at least 1");
    setenv("GLANCER_MIRROR_STALL_TIMEOUT", "ten", 1);
    CHECK(mirror_options_from_env().error().message ==
          "GLANCER_MIRROR_STALL_TIMEOUT=ten: not a positive whole number");
    unsetenv("GLANCER_MIRROR_ANSWER_TIMEOUT");
    unsetenv("GLANCER_MIRROR_ATTEMPTS");
    unsetenv("GLANCER_MIRROR_STALL_TIMEOUT");
  }
}
