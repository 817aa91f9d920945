#include "report/live_apply_view.h"

#include <doctest/doctest.h>

#include <chrono>
#include <sstream>

#include "report/apply_view.h"
#include "support/manual_clock.h"

using namespace glancer;

namespace {

Change change(const std::string& key) {
  Change c;
  c.set = "demo";
  c.key = key;
  c.name = key;
  c.action = Action::create;
  return c;
}

size_t count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("live view: progress_bar and fit_columns") {
  CHECK(progress_bar(0.5, 10) == "[#####.....]");
  CHECK(progress_bar(1.5, 4) == "[####]");
  CHECK(progress_bar(-1, 4) == "[....]");
  CHECK(fit_columns("abcdef", 4) == "abcd");
  CHECK(fit_columns("ab", 4) == "ab");
  CHECK(fit_columns("äöüß", 2) == "äö");  // never splits a UTF-8 sequence
}

TEST_CASE("live view: a running upload shows a bar with bytes, rate and ETA") {
  std::ostringstream out;
  testing::ManualClock clock;
  clock.advance(std::chrono::seconds(100));
  LiveApplyView view(out, 120, false, 1, clock);
  Change c = change("big");
  view.on_step(c, "creating");
  view.on_step(c, "uploading");
  clock.advance(std::chrono::seconds(2));
  view.on_progress(c, 4 << 20, uint64_t{8} << 20);  // 4 of 8 MiB in 2 s: 2 MiB/s, 2 s left
  const std::string text = out.str();
  CHECK(text.find("demo/big  uploading  [##########..........]  50%  4.0 MiB / 8.0 MiB  2.0 MiB/s  "
                  "ETA 2s") != std::string::npos);
}

TEST_CASE("live view: progress redraws at most ten times a second") {
  std::ostringstream out;
  testing::ManualClock clock;
  LiveApplyView view(out, 120, false, 1, clock);
  Change c = change("big");
  view.on_step(c, "uploading");
  const size_t before = count(out.str(), "uploading");
  for (int i = 1; i <= 100; ++i) {  // 100 progress events over one second
    clock.advance(std::chrono::milliseconds(10));
    view.on_progress(c, i * 1000, 100000);
  }
  const size_t redraws = count(out.str(), "uploading") - before;
  CHECK(redraws >= 9);
  CHECK(redraws <= 11);
}

TEST_CASE("live view: finished changes scroll above the live region, which is redrawn in place") {
  std::ostringstream out;
  testing::ManualClock clock;
  LiveApplyView view(out, 80, false, 2, clock);
  Change a = change("a"), b = change("b");
  view.on_step(a, "creating");
  // Erases the live line and the overall line, draws two live lines and the overall line.
  view.on_step(b, "creating");
  CHECK(out.str().find("\x1b[2A\r\x1b[J") != std::string::npos);
  CHECK(out.str().ends_with("  0/2 done, 2 running\n"));
  clock.advance(std::chrono::milliseconds(1500));
  view.on_done(a, "id-a", 1.5);
  const std::string after_done = out.str();
  CHECK(after_done.find("\x1b[3A\r\x1b[J") != std::string::npos);
  CHECK(after_done.ends_with("  1/2 done, 1 running\n"));
  CHECK(after_done.find("demo/a: created id-a in 1.5s\n") != std::string::npos);
  view.on_failed(b, fail(ErrorCode::checksum_mismatch, "bad data"));
  view.close();
  const std::string end = out.str();
  CHECK(end.find("demo/b: failed: bad data\n") != std::string::npos);
  // Nothing runs any more: the last thing written is the failure line, no live line after it.
  CHECK(end.ends_with("demo/b: failed: bad data\n"));
}

TEST_CASE("live view: live lines are cut to the terminal's width; colour only when asked") {
  std::ostringstream plain, coloured;
  testing::ManualClock clock;
  Change c = change(std::string(200, 'k'));
  LiveApplyView narrow(plain, 40, false, 1, clock);
  narrow.on_step(c, "creating");
  std::string line = plain.str();
  CHECK(columns_of(line.substr(0, line.find('\n'))) <= 39);
  CHECK(line.find("kkk…  creating") != std::string::npos);
  LiveApplyView colour(coloured, 80, true, 1, clock);
  colour.on_done(c, "id", 0);
  CHECK(coloured.str().find("\x1b[32m") != std::string::npos);
  CHECK(plain.str().find("\x1b[3") == std::string::npos);
}

namespace {

// The lines of the live region last drawn into `out` (after its last erase sequence).
std::vector<std::string> last_region(const std::string& out) {
  std::string tail =
      out.substr(out.rfind("\x1b[J") == std::string::npos ? 0 : out.rfind("\x1b[J") + 3);
  std::vector<std::string> lines;
  for (size_t at = 0, nl; (nl = tail.find('\n', at)) != std::string::npos; at = nl + 1)
    lines.push_back(tail.substr(at, nl - at));
  return lines;
}

}  // namespace

TEST_CASE("live view: an upload fits 80 and 60 columns, leaving out the least useful first") {
  testing::ManualClock clock;
  Change c = change("ubuntu-22.04-server-cloudimg");
  c.set = "public-catalogue";
  Change other = change("done-first");
  auto draw = [&](int width) {
    std::ostringstream out;
    LiveApplyView view(out, width, false, 12, clock);
    view.on_step(other, "creating");
    view.on_done(other, "id", 1);
    view.on_step(c, "uploading");
    clock.advance(std::chrono::seconds(10));
    view.on_progress(c, uint64_t{600} << 20, uint64_t{2252} << 20);
    return last_region(out.str());
  };
  const auto wide = draw(120);
  REQUIRE(wide.size() == 2);
  CHECK(wide[0] ==
        "  public-catalogue/ubuntu-22.04-server-cloudimg  uploading  [##.......]  26%  "
        "600.0 MiB / 2.20 GiB  60.0 MiB/s  ETA 28s");
  CHECK(wide[1] == "  1/12 done, 1 running");

  const auto eighty = draw(80);
  REQUIRE(eighty.size() == 2);
  CHECK(eighty[0] ==
        "  public-catalogue/ubuntu-22.04-…  uploading  [#....]  26%  60.0 MiB/s  "
        "ETA 28s");
  CHECK(columns_of(eighty[0]) <= 79);
  CHECK(eighty[1] == "  1/12 done, 1 running");

  const auto sixty = draw(60);
  REQUIRE(sixty.size() == 2);
  CHECK(sixty[0] == "  public-catalogue/ubunt…  uploading  [#....]  26%  ETA 28s");
  CHECK(columns_of(sixty[0]) <= 59);
}

TEST_CASE("live view: a long step is shortened, never wrapped") {
  testing::ManualClock clock;
  std::ostringstream out;
  LiveApplyView view(out, 60, false, 3, clock);
  Change c = change("cirros");
  view.on_step(c,
               "importing from https://mirror.example.org/releases/cirros/0.6.2/cirros.img "
               "(web-download)");
  const auto region = last_region(out.str());
  REQUIRE(region.size() == 2);
  CHECK(region[0].starts_with("  demo/cirros  importing from https://mirror.example"));
  CHECK(region[0].ends_with("…  0s"));
  CHECK(columns_of(region[0]) == 59);
  CHECK(region[1] == "  0/3 done, 1 running");
}

TEST_CASE("live view: the first Ctrl-C is reported above the live region at once") {
  testing::ManualClock clock;
  std::ostringstream out;
  LiveApplyView view(out, 80, false, 4, clock);
  Change a = change("a");
  view.on_step(a, "uploading");
  view.on_interrupt(1, 3);
  const std::string text = out.str();
  CHECK(text.find("\x1b[J" + interrupt_line(1, 3) + "\n  demo/a  uploading  0s\n") !=
        std::string::npos);
  CHECK(interrupt_line(1, 3) ==
        "interrupting: 1 action running, 3 not started (Ctrl-C again to abort running uploads)");
  CHECK(interrupt_line(2, 0).starts_with("interrupting: 2 actions running, 0 not started"));
  ApplyOutcome stopped{1, 0, 3, true};
  CHECK(apply_summary_line(stopped) == "Apply interrupted: 1 succeeded, 0 failed, 3 skipped.");
  CHECK(apply_summary_line({2, 0, 0, false}) ==
        "Apply complete: 2 succeeded, 0 failed, 0 skipped.");
}
