// The fault injector of `glancer serve --faults`: spec parsing and seeded, deterministic decisions.
#include "server/faults.h"

#include <doctest/doctest.h>

#include <algorithm>

namespace glancer {

TEST_SUITE("server") {
  TEST_CASE("faults: a spec is parsed with defaults; bad parts are named") {
    auto spec = parse_fault_spec(
        "rate=0.2,kinds=500+reset,seed=7,when=after,match=PUT,skip=3,stall=40,page=2");
    REQUIRE(spec.ok());
    CHECK(spec->rate == doctest::Approx(0.2));
    CHECK(spec->kinds == std::vector<FaultKind>{FaultKind::status_500, FaultKind::reset});
    CHECK(spec->seed == 7);
    CHECK_FALSE(spec->before);
    CHECK(spec->after);
    CHECK(spec->match == "PUT");
    CHECK(spec->skip == 3);
    CHECK(spec->stall == std::chrono::milliseconds(40));
    CHECK(spec->page == 2);
    auto all = parse_fault_spec("rate=1");
    REQUIRE(all.ok());
    CHECK(all->kinds.size() == 6);
    CHECK((all->before && all->after));
    CHECK(parse_fault_spec("rate=2").error().message ==
          "--faults `rate=2`: rate must be a number from 0 to 1");
    CHECK(parse_fault_spec("seed=1").error().message == "--faults `seed=1`: rate= is required");
    CHECK(parse_fault_spec("rate=1,kinds=500+boom").error().message ==
          "--faults `rate=1,kinds=500+boom`: unknown kind `boom` (use 500, 503, 429, reset, stall, "
          "truncate)");
    CHECK(parse_fault_spec("rate=1,colour=red").error().code == ErrorCode::invalid_argument);
    CHECK(parse_fault_spec("rate=1,when=later").error().code == ErrorCode::invalid_argument);
  }

  TEST_CASE("faults: the same seed gives the same faults in the same order, near the rate") {
    auto run = [](uint64_t seed) {
      FaultInjector faults(*parse_fault_spec("rate=0.2,seed=" + std::to_string(seed)));
      std::vector<std::string> out;
      for (int i = 0; i < 2000; ++i) {
        auto f = faults.decide("GET", "/v2/images/x");
        out.push_back(f ? std::string(fault_kind_name(f->kind)) + (f->after ? "+" : "-") : "");
      }
      return out;
    };
    auto a = run(7), b = run(7), c = run(8);
    CHECK(a == b);
    CHECK(a != c);
    const auto faulty =
        std::count_if(a.begin(), a.end(), [](const std::string& s) { return !s.empty(); });
    CHECK(faulty > 330);
    CHECK(faulty < 470);
    // Every kind and both timings come up; truncate only after.
    for (const char* k :
         {"500-", "500+", "503-", "429+", "reset-", "reset+", "stall-", "truncate+"})
      CHECK(std::find(a.begin(), a.end(), k) != a.end());
    CHECK(std::find(a.begin(), a.end(), "truncate-") == a.end());
  }

  TEST_CASE("faults: match and skip narrow the faulty requests; the summary counts them") {
    FaultInjector faults(*parse_fault_spec("rate=1,kinds=503,match=marker=,skip=1"));
    CHECK_FALSE(faults.decide("GET", "/v2/images?limit=2").has_value());
    CHECK_FALSE(faults.decide("GET", "/v2/images?limit=2&marker=a").has_value());  // skipped
    auto f = faults.decide("GET", "/v2/images?limit=2&marker=b");
    REQUIRE(f.has_value());
    CHECK(f->kind == FaultKind::status_503);
    CHECK(f->sequence == 1);
    CHECK(faults.summary().rfind("3 requests, 1 faults (503 ", 0) == 0);
  }
}

}  // namespace glancer
