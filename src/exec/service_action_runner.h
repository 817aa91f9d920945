#pragma once
/// The action runner that applies changes to an ImageService: create (upload, verify,
/// publish), rotate (with the demotion of the current image), update, delete, members.

#include <atomic>
#include <chrono>

#include "core/clock.h"
#include "exec/action_runner.h"
#include "exec/source_opener.h"
#include "glance/image_service.h"

namespace glancer {

/// Knobs of the actions themselves.
struct ActionOptions {
  /// How long a web-download import may take before it counts as failed.
  std::chrono::seconds import_timeout{3600};
};

/// Performs actions against `service`. A new image is created private, hidden and labelled
/// pending; its data is transferred and verified (image_transfer.h); only then is it given its
/// final name, visibility and labels. A failed create removes the image it made, and a failed
/// rotate gives the demoted image back its name, hiding and labels. Stateless between calls,
/// so several threads may run actions at once (the service must be thread-safe).
class ServiceActionRunner final : public ActionRunner {
 public:
  /// `clock` stamps the pending and previous-version labels; `cancel`, when set, aborts the
  /// transfers in progress (a download stops, an upload fails at its next read) and their
  /// actions remove what they created. All must outlive the runner.
  ServiceActionRunner(ImageService& service, SourceOpener& opener, const Clock& clock,
                      ActionOptions options = {}, const std::atomic<bool>* cancel = nullptr)
      : m_service(service),
        m_opener(opener),
        m_clock(clock),
        m_options(options),
        m_cancel(cancel) {}

  Result<std::string> run(const Change& change, Phase phase, ApplyObserver& observer) override;

 private:
  Result<std::string> create_image(const Change& change, ApplyObserver& observer);
  /// The steps of a create after the image exists: transfer, demote (rotate), publish,
  /// members, status. Sets `demoted` once the current image has been demoted.
  Status complete_image(const Change& change, const Image& image, ApplyObserver& observer,
                        bool& demoted);
  /// Gives a rotate's demoted image back its name and hiding and drops its previous label.
  void undo_demotion(const Change& change);
  Result<std::string> update_image(const Change& change, ApplyObserver& observer);
  Result<std::string> delete_image(const Change& change, bool unprotect);
  Status sync_members(const std::string& id, const nlohmann::json& before,
                      const nlohmann::json& after);

  ImageService& m_service;
  SourceOpener& m_opener;
  const Clock& m_clock;
  ActionOptions m_options;
  const std::atomic<bool>* m_cancel;
};

/// The error for deleting a protected image without unprotecting it (a plan's delete never
/// unprotects; only retiring an old version does): forbidden, saying how to unprotect it.
Error protected_image_error(const std::string& id);

}  // namespace glancer
