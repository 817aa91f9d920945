#pragma once
/// Applies a plan's changes to an ImageService, reporting through an ApplyObserver.

#include <atomic>

#include "exec/observer.h"
#include "glance/image_service.h"
#include "plan/plan.h"

namespace glancer {

/// Applies changes one at a time in plan order. A new image is created private, hidden and
/// labelled pending; its data is uploaded and checked against the planned digest and the
/// service's own checksum; only then is it given its final name, visibility and labels. A failed
/// change removes what it created and the apply goes on with the other changes.
class Executor {
 public:
  /// `cancel`, when set, stops the executor from starting further changes (Ctrl-C).
  Executor(ImageService& service, ApplyObserver& observer, const std::atomic<bool>* cancel = nullptr)
      : m_service(service), m_observer(observer), m_cancel(cancel) {}

  /// Applies every change of `plan` that is not a no-op.
  ApplyOutcome apply(const Plan& plan);

  /// Applies one change; exposed so a scheduler can drive changes itself.
  Result<std::string> apply_change(const Change& change);

 private:
  Result<std::string> create_image(const Change& change);
  Result<std::string> update_image(const Change& change);
  Result<std::string> replace_image(const Change& change);
  Result<std::string> delete_image(const Change& change, bool unprotect);
  Status upload_verified(const Change& change, const Image& image, Digest& digest);
  Status sync_members(const std::string& id, const nlohmann::json& before, const nlohmann::json& after);

  ImageService& m_service;
  ApplyObserver& m_observer;
  const std::atomic<bool>* m_cancel;
};

}  // namespace glancer
