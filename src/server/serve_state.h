#pragma once
/// What the route handlers of `glancer serve` share: the image service, the options, the
/// staging area of the interoperable import, background import jobs and the stop flag.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "cloud/token_check.h"
#include "core/result.h"
#include "glance/image.h"
#include "glance/image_service.h"
#include "glance/metadef.h"
#include "glance/url_opener.h"
#include "glance/vocabulary.h"
#include "server/caller_scope.h"
#include "server/faults.h"
#include "server/import_tasks.h"

namespace glancer {

/// Knobs of the HTTP server; the defaults match Glance's.
struct ServeOptions {
  /// When set, every request but the versions document needs `X-Auth-Token: <token>` (else 401).
  std::string token;
  /// When set (`--auth-cloud`), every request but the versions document needs a token this
  /// validator accepts (401 otherwise, 503 when it cannot answer), and Glance's rules apply to
  /// the token's project and roles. Unset: single tenant, no identity.
  std::shared_ptr<TokenValidator> identity;
  /// Largest JSON request body (413 beyond).
  size_t max_json_body = size_t{1} << 20;
  /// Largest image accepted by PUT file / stage / import (413 beyond); Glance's image_size_cap.
  uint64_t image_size_cap = vocab::k_image_size_cap;
  /// Largest request line + headers (431 beyond; Glance's eventlet allows 64 KiB).
  size_t max_request_head = size_t{64} << 10;
  /// Time a client has to send a request's line and headers, and a JSON body (408 beyond,
  /// then the connection is closed); also the longest a read or write of image data may
  /// stall. Bounds what a slow client (slow-loris) can hold.
  std::chrono::milliseconds read_timeout{30'000};
  /// Where staged data waits for POST …/import, one file per image named by its UUID.
  std::filesystem::path staging_dir;
  /// Bytes buffered between an upload's network reader and the store (per upload).
  size_t pipe_capacity = size_t{4} << 20;
  /// Where background events (a failed import, an injected fault) are reported; never given
  /// secrets.
  std::function<void(const std::string&)> log;
  /// When set, requests fail as it decides (`glancer serve --faults`, for testing clients).
  std::shared_ptr<FaultInjector> faults;
  /// How the web-download import fetches its `uri` (the server does no network I/O of its
  /// own). Null: the server does not offer web-download, like a Glance without the method.
  UrlOpener open_url;
  /// The metadata definitions catalogue behind /v2/metadefs/…; unset: those routes are 404.
  std::shared_ptr<MetadefService> metadefs;
};

/// The import methods the server offers, in Glance's order: glance-direct, and web-download
/// when options.open_url is set.
std::vector<std::string> import_methods(const ServeOptions& options);

/// Staged data for the glance-direct import, and the status the API shows while an import
/// is under way: phase "staging" while data arrives, "uploading" once staged (both shown as
/// status "uploading", like Glance), "importing" while the data moves into the store.
/// The service itself keeps such images queued, so a restart forgets the phase (and
/// clears the staging directory): the image is then plainly queued, as after a failed import.
class StagingArea {
 public:
  /// Uses `dir`, creating it and deleting leftovers of a previous run.
  static Result<std::unique_ptr<StagingArea>> open(const std::filesystem::path& dir);

  /// The staging file of an image; `id` must already be a validated UUID.
  std::filesystem::path path_for(const std::string& id) const;
  /// The import phase of an image, if any.
  std::optional<std::string> phase(const std::string& id) const;
  /// Sets the phase only if the current one equals `expected` (nullopt = none); false otherwise.
  bool transition(const std::string& id, std::optional<std::string> expected,
                  std::optional<std::string> next);
  /// Shows the phase as the status of a queued image.
  void overlay(Image& image) const;
  /// True while some image has a phase (an import is under way).
  bool busy() const;

 private:
  explicit StagingArea(std::filesystem::path dir) : m_dir(std::move(dir)) {}
  std::filesystem::path m_dir;
  mutable std::mutex m_mutex;
  std::map<std::string, std::string> m_phases;
};

/// Background work (imports) that must finish or be cancelled before the server exits.
class BackgroundJobs {
 public:
  ~BackgroundJobs() { join_all(); }
  /// Runs `job` on its own thread.
  void start(std::function<void()> job);
  /// Waits for every job (they watch the stop flag to end early).
  void join_all();

 private:
  struct Job {
    std::thread thread;
    std::atomic<bool> done{false};
  };
  std::mutex m_mutex;
  std::list<Job> m_jobs;
};

/// Everything a route handler may touch.
struct ServeState {
  /// The service under the caller's rules; `service` is this, seen as an ImageService.
  CallerScopedService access;
  ImageService& service;
  ServeOptions options;
  StagingArea& staging;
  std::atomic<bool> stopping{false};
  ImportTasks tasks;
  BackgroundJobs jobs;

  ServeState(ImageService& s, ServeOptions o, StagingArea& st)
      : access(s), service(access), options(std::move(o)), staging(st) {
    access.set_overlay([this](Image& image) { staging.overlay(image); });
  }
};

}  // namespace glancer
