#pragma once
// Helpers for the executor's unit tests: a harness applying plans through the SerialRunner to a
// RecordingImageService over a LocalImageService in a temp dir, with in-memory sources and a
// manual clock; and builders for the changes of a plan.

#include <doctest/doctest.h>

#include <atomic>
#include <cstdio>
#include <memory>
#include <string>

#include "exec/serial_runner.h"
#include "exec/service_action_runner.h"
#include "plan/labels.h"
#include "plan/plan.h"
#include "store/local_image_service.h"
#include "support/doctest_strings.h"
#include "support/fake_source_opener.h"
#include "support/manual_clock.h"
#include "support/recording_image_service.h"
#include "support/recording_observer.h"
#include "support/temp_dir.h"

namespace glancer::exec_test {

/// The n-th test image id, a valid UUID: "00000000-0000-4000-8000-00000000000n".
inline std::string image_id(int n) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "00000000-0000-4000-8000-%012d", n);
  return buf;
}

/// The sha256 digest of `data`.
inline Digest sha256_of(const std::string& data) {
  Hasher hasher(HashAlgo::sha256);
  hasher.update(data.data(), data.size());
  return Digest{HashAlgo::sha256, hasher.finish()};
}

/// A raw image "KEY" of set "s", private, from the file /data/KEY.raw whose checksum is that
/// of `data`.
inline DesiredImage desired_image(const std::string& key, const std::string& data) {
  DesiredImage d;
  d.set = std::string("s");  // not `= "s"`: GCC 12 -Wrestrict false positive
  d.key = key;
  d.name = "Image " + key;
  d.disk_format = "raw";
  d.source = ImageSource{};
  d.source->file = "/data/" + key + ".raw";
  d.source->checksum = sha256_of(data);
  return d;
}

/// What a plan records about a live image.
inline LiveRef live_ref(const Image& image) {
  LiveRef live;
  live.id = image.id;
  live.updated_at = image.updated_at;
  live.checksum = image.checksum;
  live.status = image.status;
  live.protected_ = image.protected_;
  live.hidden = image.hidden;
  return live;
}

/// A change of `action` for `desired` (create, replace, rotate), making image `new_id`.
inline Change make_change(Action action, DesiredImage desired, std::string new_id) {
  Change c;
  c.set = desired.set;
  c.key = desired.key;
  c.name = desired.name;
  c.action = action;
  c.new_id = std::move(new_id);
  c.desired = std::move(desired);
  return c;
}

/// A change of `action` (update, remove) touching the live image `image` of set "s".
inline Change live_change(Action action, const std::string& key, const Image& image) {
  Change c;
  c.set = std::string("s");
  c.key = key;
  c.name = image.name.value_or("");
  c.action = action;
  c.live = live_ref(image);
  return c;
}

/// A plan of `changes`.
inline Plan plan_of(std::vector<Change> changes) {
  Plan plan;
  plan.target = "test";
  plan.changes = std::move(changes);
  return plan;
}

/// One apply's world: the store, the recording service over it, in-memory sources, a manual
/// clock, a recording observer, the two Ctrl-C flags, and the serial runner over the real
/// actions.
struct Harness {
  testing::TempDir dir;
  std::unique_ptr<LocalImageService> store = open(dir);
  testing::RecordingImageService service{*store};
  testing::FakeSourceOpener opener;
  testing::ManualClock clock;
  testing::RecordingObserver observer;
  std::atomic<bool> cancel{false};  ///< the first Ctrl-C: nothing more starts
  std::atomic<bool> abort{false};   ///< the second: transfers in flight fail
  ServiceActionRunner actions{service, opener, clock, ActionOptions{}, &abort};
  SerialRunner runner{actions, observer, clock, &cancel};

  /// Applies `plan`, failing the test if the graph cannot be built.
  ApplyOutcome apply(const Plan& plan) {
    auto outcome = runner.apply(plan);
    REQUIRE_MESSAGE(outcome.ok(), (outcome.ok() ? "" : outcome.error().message));
    return *outcome;
  }

  /// An active, published image "KEY" of set "s" holding `data`, made directly in the store
  /// (not recorded).
  Image live_image(const std::string& id, const std::string& key, const std::string& name,
                   const std::string& data, bool protected_ = false) {
    ImageCreate request;
    request.id = id;
    request.name = name;
    request.disk_format = "raw";
    request.container_format = "bare";
    request.visibility = "private";
    request.protected_ = protected_;
    request.properties = {{labels::k_set, "s"}, {labels::k_key, key}};
    REQUIRE(store->create(request).ok());
    testing::TestSource source(data);
    auto uploaded = store->upload(id, source);
    REQUIRE_MESSAGE(uploaded.ok(), (uploaded.ok() ? "" : uploaded.error().message));
    return *uploaded;
  }

  /// The image as the store has it now, failing the test if it is gone.
  Image stored(const std::string& id) {
    auto image = store->get(id);
    REQUIRE_MESSAGE(image.ok(), (image.ok() ? "" : image.error().message));
    return *image;
  }
  /// True if the store no longer has the image.
  bool gone(const std::string& id) {
    auto image = store->get(id);
    return !image.ok() && image.error().code == ErrorCode::not_found;
  }

 private:
  static std::unique_ptr<LocalImageService> open(const testing::TempDir& dir) {
    LocalStoreOptions options;
    options.clock = std::make_shared<testing::TickingClock>();
    auto store = LocalImageService::open(dir.store(), options);
    REQUIRE_MESSAGE(store.ok(), (store.ok() ? "" : store.error().message));
    return std::move(store).value();
  }
};

}  // namespace glancer::exec_test
