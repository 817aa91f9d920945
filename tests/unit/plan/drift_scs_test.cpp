// Drift under scs-0102: `outdated` (replace_frequency not kept) and `expired` (provided_until
// passed, still visible), read from the live images' properties at a manual clock's time.
#include <doctest/doctest.h>

#include "core/clock.h"
#include "plan/drift.h"
#include "plan/labels.h"
#include "support/manual_clock.h"

using namespace glancer;

namespace {

DesiredImage scs_image(const std::string& key) {
  DesiredImage d;
  d.set = "pub";
  d.key = key;
  d.name = key;
  d.visibility = "public";
  d.standards = {"scs-0102"};
  return d;
}

// A live image of `d` whose properties are those of `d` plus `props`.
Image live_of(const DesiredImage& d, const std::string& id,
              std::map<std::string, std::string> props) {
  Image im;
  im.id = id;
  im.name = d.name;
  im.status = "active";
  im.visibility = "public";
  im.disk_format = d.disk_format;
  im.container_format = d.container_format;
  im.properties = std::move(props);
  im.properties[labels::k_set] = d.set;
  im.properties[labels::k_key] = d.key;
  im.created_at = im.updated_at = "2026-01-01T00:00:00Z";
  return im;
}

// The findings of kinds outdated and expired, as "kind id: detail".
std::vector<std::string> promises(DesiredImage d, const std::vector<Image>& live,
                                  const testing::ManualClock& clock) {
  for (const auto& [k, v] : live.back().properties)
    if (!k.starts_with(labels::k_prefix)) d.properties[k] = v;  // no `modified` noise
  DesiredState s;
  s.sets = {{"pub", {}}};
  s.images = {d};
  DriftOptions o;
  o.now = utc_now(clock);
  std::vector<std::string> out;
  for (const DriftItem& it : detect_drift(s, LiveState{live, {}}, o).drift)
    if (it.kind == DriftKind::outdated || it.kind == DriftKind::expired)
      out.push_back(std::string(drift_kind_name(it.kind)) + " " + it.image_id + ": " + it.detail);
  return out;
}

using Found = std::vector<std::string>;

}  // namespace

TEST_SUITE("plan") {
  TEST_CASE("drift scs-0102: outdated once build date + 1.1 × replace_frequency has passed") {
    const auto d = scs_image("deb");
    const Image current = live_of(d, "new",
                                  {{"image_build_date", "2026-01-01 00:00"},
                                   {"replace_frequency", "monthly"},
                                   {"provided_until", "none"}});
    testing::ManualClock clock(std::chrono::sys_days{std::chrono::year(2026) / 2 / 4});
    CHECK(promises(d, {current}, clock).empty());  // 34 days: within 31 × 1.1 = 34.1 days
    clock.advance(std::chrono::hours(3));
    CHECK(promises(d, {current}, clock) ==
          Found{"outdated new: built 2026-01-01 00:00, 34 days ago: replace_frequency monthly "
                "promised a newer version by 2026-02-04 02:24"});
  }

  TEST_CASE(
      "drift scs-0102: never and critical_bug promise no date; a passed provided_until ends "
      "the promise") {
    const auto d = scs_image("deb");
    testing::ManualClock clock(std::chrono::sys_days{std::chrono::year(2027) / 6 / 1});
    for (const char* frequency : {"never", "critical_bug"})
      CHECK(promises(d,
                     {live_of(d, "a",
                              {{"image_build_date", "2026-01-01"},
                               {"replace_frequency", frequency},
                               {"provided_until", "notice"}})},
                     clock)
                .empty());
    Image hidden = live_of(d, "a",
                           {{"image_build_date", "2026-01-01"},
                            {"replace_frequency", "weekly"},
                            {"provided_until", "2027-01-31"}});
    hidden.hidden = true;
    CHECK(promises(d, {hidden}, clock).empty());  // past provided_until, and hidden
  }

  TEST_CASE("drift scs-0102: expired when past provided_until and still visible, each version") {
    const auto d = scs_image("deb");
    Image old = live_of(d, "old", {{"provided_until", "2026-03-31"}});
    old.created_at = "2025-12-01T00:00:00Z";
    old.name = "deb 20251201";
    old.properties[labels::k_previous] = "2026-01-01T00:00:00Z";
    const Image current =
        live_of(d, "new", {{"replace_frequency", "yearly"}, {"provided_until", "2026-03-31"}});
    testing::ManualClock clock(std::chrono::sys_days{std::chrono::year(2026) / 3 / 31});
    CHECK(promises(d, {old, current}, clock).empty());  // the last day it is provided
    clock.advance(std::chrono::hours(24));
    CHECK(promises(d, {old, current}, clock) ==
          Found{"expired new: provided_until 2026-03-31 has passed, and the image is still visible",
                "expired old: provided_until 2026-03-31 has passed, and the image is still "
                "visible"});
  }

  TEST_CASE("drift scs-0102: a set without the standard makes no promises") {
    auto d = scs_image("deb");
    d.standards.clear();
    testing::ManualClock clock(std::chrono::sys_days{std::chrono::year(2030) / 1 / 1});
    CHECK(promises(d,
                   {live_of(d, "a",
                            {{"image_build_date", "2026-01-01"},
                             {"replace_frequency", "daily"},
                             {"provided_until", "2026-02-01"}})},
                   clock)
              .empty());
  }
}
