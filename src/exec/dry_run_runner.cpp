#include "exec/dry_run_runner.h"

#include <optional>

#include "exec/image_transfer.h"
#include "exec/serial_runner.h"
#include "exec/service_action_runner.h"

namespace glancer {

namespace {

std::string quoted(const std::string& s) {
  return "\"" + s + "\"";
}

// The attribute paths an update changes through PATCH or the members API, comma-separated.
std::string changed_paths(const Change& change) {
  std::string out;
  for (const auto& a : change.attributes)
    if (a.path != "status") out += (out.empty() ? "" : ", ") + a.path;
  return out;
}

Result<std::string> describe_create(const Change& change, ApplyObserver& observer) {
  const DesiredImage& d = *change.desired;
  const std::string id = change.new_id.empty() ? "a new id" : change.new_id;
  observer.on_step(change, "would create " + quoted(d.name) + " as " + id);
  if (!d.source || (d.source->file.empty() && d.source->url.empty()))
    return fail(ErrorCode::invalid_argument, "image `" + d.key + "` has no source to upload");
  const ImageSource& src = *d.source;
  observer.on_step(change, src.method == "web-download"
                               ? "would import from " + source_name(src) + " (web-download)"
                               : "would upload from " + source_name(src));
  observer.on_step(change, src.checksum ? "would verify " + src.checksum->to_string()
                                        : "would verify what the service stored");
  if (change.action == Action::rotate)
    observer.on_step(change, "would keep the current image " + change.live->id + " as " +
                                 quoted(change.previous_name));
  observer.on_step(change, "would publish " + quoted(d.name));
  return change.new_id;
}

Result<std::string> describe_update(const Change& change, ApplyObserver& observer) {
  const std::string& id = change.live->id;
  std::optional<std::string> status;
  for (const auto& a : change.attributes)
    if (a.path == "status" && a.after.is_string()) status = a.after.get<std::string>();
  // The same order as the real update: reactivate first, deactivate last.
  if (status == "active") observer.on_step(change, "would reactivate " + id);
  if (const std::string paths = changed_paths(change); !paths.empty())
    observer.on_step(change, "would update " + id + ": " + paths);
  if (status == "deactivated") observer.on_step(change, "would deactivate " + id);
  return id;
}

}  // namespace

Result<std::string> DryRunActionRunner::run(const Change& change, Phase phase,
                                            ApplyObserver& observer) {
  if (phase == Phase::retire) {
    observer.on_step(change, "would delete the old image " + change.live->id);
    return change.live->id;
  }
  switch (change.action) {
    case Action::create:
    case Action::replace:
    case Action::rotate: return describe_create(change, observer);
    case Action::update: return describe_update(change, observer);
    case Action::remove:
      if (change.live->protected_) return protected_image_error(change.live->id);
      observer.on_step(change, "would delete " + change.live->id);
      return change.live->id;
    case Action::no_op: return change.live ? change.live->id : std::string();
  }
  return fail(ErrorCode::internal, "unknown action");
}

Result<ApplyOutcome> DryRunRunner::apply(const Plan& plan) {
  SerialRunner runner(m_actions, m_observer, m_clock);
  return runner.apply(plan);
}

}  // namespace glancer
