#pragma once
// The planner's unit-test bench: an embedded store in a temp dir as the live service, a
// recording FakeSourceProbe, a ManualClock, manifests written from inline strings, and
// "apply by hand" (images created as glancer would, without the executor).

#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "plan/labels.h"
#include "plan/planner.h"
#include "store/local_image_service.h"
#include "support/fake_source_probe.h"
#include "support/manual_clock.h"
#include "support/string_source.h"
#include "support/temp_dir.h"

namespace glancer::plan_test {

namespace fs = std::filesystem;

/// The header of a manifest of set `set`, then `images:` with `body` below it.
inline std::string manifest(const std::string& body, const std::string& set = "demo") {
  return "apiVersion: glancer/v1\nkind: ImageSet\nmetadata:\n  name: " + set + "\nimages:\n" + body;
}

/// The error message of a failed result, "" if it succeeded (readable in failure output).
template <class R>
std::string error_of(const R& result) {
  return result.ok() ? "" : result.error().message;
}

/// "set/key action" of every change in plan order, joined by ", " (readable when a check fails).
inline std::string actions(const Plan& plan) {
  std::string out;
  for (const Change& c : plan.changes)
    out += (out.empty() ? "" : ", ") + image_ref(c.set, c.key) + " " + action_name(c.action);
  return out;
}

class PlannerFixture {
  testing::TempDir m_tmp{"glancer-plan-test"};  // first: outlives the store inside it

 public:
  PlannerFixture() {
    LocalStoreOptions options;
    options.clock = std::make_shared<testing::TickingClock>();
    auto opened = LocalImageService::open(m_tmp.store(), options);
    REQUIRE_MESSAGE(opened.ok(), error_of(opened));
    store = std::move(opened).value();
  }

  /// The directory manifests are written to and planned from.
  fs::path manifests() const { return m_tmp.path() / "manifests"; }

  /// Writes `yaml` as manifests/NAME.
  fs::path write_manifest(const std::string& yaml, const std::string& name = "m.yaml") {
    fs::path path = manifests() / name;
    testing::write_file(path, yaml);
    return path;
  }

  /// An image file next to the manifests: on disk (the loader checks it exists) and in the
  /// probe's table with `data`, inspected as `format`, modified at `modified`.
  fs::path add_file(const std::string& name, const std::string& data,
                    const std::string& format = "qcow2",
                    std::optional<std::chrono::system_clock::time_point> modified = {}) {
    fs::path path = manifests() / name;
    testing::write_file(path, data);
    testing::FakeSourceProbe::File file;
    file.data = data;
    file.modified = modified;
    file.inspection.format = format;
    probe.add_file(path, file);
    m_data[path] = data;
    return path;
  }

  /// Planner options for tests: no listing thread, ids new-1, new-2, …
  PlannerOptions options() {
    PlannerOptions out;
    out.concurrent_listing = false;
    out.new_id = [this] { return "00000000-0000-4000-8000-" + pad(++m_ids); };
    return out;
  }

  /// Plans the manifests directory with `scope`; diagnostics land in `diags`.
  Result<Plan> plan(const PlanScope& scope = {}) {
    diags = {};
    Planner planner(*store, probe, clock, options());
    return planner.plan({manifests().string()}, scope, diags);
  }

  /// The drift report of the manifests directory; diagnostics land in `diags`.
  Result<DriftReport> drift(const DriftOptions& options = {}) {
    diags = {};
    Planner planner(*store, probe, clock, this->options());
    return planner.drift({manifests().string()}, options, diags);
  }

  /// What apply would have done for the plan's creates and deletes, done directly on the
  /// store: each created image has the manifest's attributes, the ownership labels and its
  /// file's data (a URL source: a stand-in; its digest label is the resolved one all the same).
  void apply_by_hand(const Plan& plan) {
    for (const Change& c : plan.changes) {
      if (c.action == Action::remove) {
        REQUIRE(store->remove(c.live->id).ok());
        continue;
      }
      if (c.action != Action::create) continue;
      const DesiredImage& d = *c.desired;
      ImageCreate request;
      request.id = c.new_id;
      request.name = d.name;
      request.disk_format = d.disk_format;
      request.container_format = d.container_format;
      request.visibility = d.visibility;
      request.protected_ = d.protected_;
      request.hidden = d.hidden;
      request.tags = d.tags;
      request.properties = d.properties;
      request.properties[labels::k_set] = d.set;
      request.properties[labels::k_key] = d.key;
      request.properties[labels::k_digest] = d.source->checksum->to_string();
      if (!d.source->version.empty()) request.properties[labels::k_version] = d.source->version;
      auto created = store->create(request);
      REQUIRE_MESSAGE(created.ok(), error_of(created));
      const std::string bytes =
          d.source->file.empty() ? "data of " + d.source->url : m_data.at(d.source->file);
      testing::StringSource data(bytes);
      auto uploaded = store->upload(created->id, data);
      REQUIRE_MESSAGE(uploaded.ok(), error_of(uploaded));
    }
  }

  /// Creates an unlabelled, active image named `name` holding `data`.
  Image unmanaged_image(const std::string& name, const std::string& data) {
    ImageCreate request;
    request.name = name;
    request.disk_format = "qcow2";
    request.container_format = "bare";
    request.visibility = "private";
    auto created = store->create(request);
    REQUIRE_MESSAGE(created.ok(), error_of(created));
    testing::StringSource source(data);
    auto uploaded = store->upload(created->id, source);
    REQUIRE_MESSAGE(uploaded.ok(), error_of(uploaded));
    return *uploaded;
  }

  std::unique_ptr<LocalImageService> store;
  testing::FakeSourceProbe probe;
  testing::ManualClock clock;
  PlanDiagnostics diags;

 private:
  static std::string pad(int n) {
    std::string s = std::to_string(n);
    return std::string(12 - s.size(), '0') + s;
  }

  std::map<fs::path, std::string> m_data;
  int m_ids = 0;
};

}  // namespace glancer::plan_test
