#pragma once
/// Applies a plan's action graph to an ImageService with bounded parallelism, reporting
/// through an ApplyObserver.

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>

#include "glance/image_service.h"
#include "graph/action_graph.h"
#include "plan/apply_observer.h"
#include "plan/plan.h"

namespace glancer {

/// How much runs at once.
struct ExecutorOptions {
  int parallelism = 4;  ///< actions at once
  int uploads = 2;      ///< of which at most this many upload data
  /// How long a web-download import may take before it counts as failed.
  std::chrono::seconds import_timeout{3600};
};

/// Runs the actions of a plan in dependency order, several at a time. A new image is created
/// private, hidden and labelled pending; its data is uploaded and checked against the planned
/// digest and the service's own checksum; only then is it given its final name, visibility and
/// labels. A failed action removes what it created; the actions that depend on it are skipped
/// and reported, independent ones go on.
class Executor {
 public:
  /// `cancel`, when set, stops the executor from starting further actions (Ctrl-C); running
  /// ones finish or clean up.
  Executor(ImageService& service, ApplyObserver& observer, ExecutorOptions options = {},
           const std::atomic<bool>* cancel = nullptr)
      : m_service(service), m_observer(observer), m_options(options), m_cancel(cancel) {}

  /// Applies every change of `plan` that is not a no-op; fails only if the graph cannot be
  /// built (a cycle). Per-change failures are counted in the outcome.
  Result<ApplyOutcome> apply(const Plan& plan);

 private:
  Result<std::string> run_node(const Change& change, Phase phase);
  Result<std::string> create_image(const Change& change);
  Result<std::string> update_image(const Change& change);
  Result<std::string> delete_image(const Change& change, bool unprotect);
  /// Streams the source into the image, then checks the digest against the planned one and
  /// what the service stored against what was sent.
  Status upload_verified(const Change& change, const Image& image, Digest& digest);
  /// method web-download: the service fetches the URL; then checks what it stored.
  Status import_verified(const Change& change, const Image& image, Digest& digest);
  Result<std::unique_ptr<ByteSource>> open_source(const ImageSource& source);
  Status sync_members(const std::string& id, const nlohmann::json& before,
                      const nlohmann::json& after);
  void step(const Change& change, const std::string& what);

  ImageService& m_service;
  ApplyObserver& m_observer;
  ExecutorOptions m_options;
  const std::atomic<bool>* m_cancel;
  std::mutex m_observer_mutex;  // observers are called from worker threads one at a time
};

}  // namespace glancer
