#include "exec/service_action_runner.h"

#include <optional>
#include <set>

#include "core/uuid.h"
#include "exec/image_transfer.h"
#include "exec/patch_ops.h"
#include "plan/labels.h"

namespace glancer {

namespace {

// The os_purpose a rotation gives the version it demotes (the plan's `previous.os_purpose`,
// scs-0102's oldgeneric), if any.
std::optional<std::string> demoted_purpose(const Change& change) {
  for (const AttributeChange& a : change.attributes)
    if (a.path == "previous.os_purpose" && a.after.is_string()) return a.after.get<std::string>();
  return std::nullopt;
}

std::set<std::string> string_set(const nlohmann::json& j) {
  std::set<std::string> out;
  if (j.is_array())
    for (const auto& v : j) out.insert(v.get<std::string>());
  return out;
}

const AttributeChange* find_attr(const Change& c, const std::string& path) {
  for (const auto& a : c.attributes)
    if (a.path == path) return &a;
  return nullptr;
}

}  // namespace

Error protected_image_error(const std::string& id) {
  return fail(ErrorCode::forbidden,
              "image " + id +
                  " is protected; unprotect it first (openstack image set --unprotected " + id +
                  ")");
}

Result<std::string> ServiceActionRunner::run(const Change& change, Phase phase,
                                             ApplyObserver& observer) {
  if (phase == Phase::retire) {
    observer.on_step(change, "deleting the old image");
    return delete_image(change, /*unprotect=*/true);
  }
  switch (change.action) {
    case Action::create:
    case Action::replace:
    case Action::rotate: return create_image(change, observer);
    case Action::update: return update_image(change, observer);
    case Action::remove: observer.on_step(change, "deleting"); return delete_image(change, false);
    case Action::no_op: return change.live ? change.live->id : std::string();
  }
  return fail(ErrorCode::internal, "unknown action");
}

Result<std::string> ServiceActionRunner::create_image(const Change& change,
                                                      ApplyObserver& observer) {
  const DesiredImage& d = *change.desired;
  ImageCreate req;
  req.id = change.new_id.empty() ? new_uuid() : change.new_id;
  req.name = d.name;
  req.disk_format = d.disk_format;
  req.container_format = d.container_format;
  req.visibility = "private";  // nobody sees it until it is verified
  req.hidden = true;
  req.properties = {
      {labels::k_set, d.set}, {labels::k_key, d.key}, {labels::k_pending, utc_now(m_clock)}};
  observer.on_step(change, "creating");
  GLANCER_TRY(image, m_service.create(req));
  bool demoted = false;
  if (auto done = complete_image(change, image, observer, demoted); !done) {
    // Never leave a half-made image behind; if even this fails, the pending label lets the next
    // plan find and delete it. A demoted image gets its name and visibility back.
    (void)m_service.remove(image.id);
    if (demoted) undo_demotion(change);
    return done.error();
  }
  return image.id;
}

Status ServiceActionRunner::complete_image(const Change& change, const Image& image,
                                           ApplyObserver& observer, bool& demoted) {
  const DesiredImage& d = *change.desired;
  const TransferContext transfer{m_service, m_opener, observer, m_cancel, m_options.import_timeout};
  GLANCER_TRY(digest, transfer_verified(transfer, change, image));
  if (change.action == Action::rotate) {
    // The verified new version is ready: demote the current image to a kept version, then
    // publish the new one under the canonical name right after, so the name never points at
    // two images and never at an unverified one.
    observer.on_step(change, "keeping the current image as \"" + change.previous_name + "\"");
    GLANCER_TRY(kept, m_service.update(change.live->id,
                                       demote_patch(change.previous_name, utc_now_millis(m_clock),
                                                    demoted_purpose(change).value_or(""))));
    (void)kept;
    demoted = true;
  }
  observer.on_step(change, "publishing");
  GLANCER_TRY(published, m_service.update(image.id, publish_patch(d, digest)));
  (void)published;
  if (d.visibility == "shared" && !d.members.empty())
    GLANCER_CHECK(sync_members(image.id, nlohmann::json::array(),
                               std::vector<std::string>(d.members.begin(), d.members.end())));
  if (d.status == "deactivated") GLANCER_CHECK(m_service.deactivate(image.id));
  return {};
}

void ServiceActionRunner::undo_demotion(const Change& change) {
  std::vector<PatchOp> undo = {
      {PatchOp::Kind::replace, "/name", change.desired->name},
      {PatchOp::Kind::replace, "/os_hidden", change.live->hidden},
      {PatchOp::Kind::remove, std::string("/") + labels::k_previous, nullptr}};
  if (auto purpose = demoted_purpose(change))
    undo.push_back({PatchOp::Kind::add, "/os_purpose", std::string("generic")});
  (void)m_service.update(change.live->id, undo);
}

Status ServiceActionRunner::sync_members(const std::string& id, const nlohmann::json& before,
                                         const nlohmann::json& after) {
  std::set<std::string> have = string_set(before), want = string_set(after);
  for (const auto& m : want)
    if (!have.count(m)) {
      auto added = m_service.add_member(id, m);
      if (!added && added.error().code != ErrorCode::conflict) return added.error();
    }
  for (const auto& m : have)
    if (!want.count(m)) {
      auto removed = m_service.remove_member(id, m);
      if (!removed && removed.error().code != ErrorCode::not_found) return removed.error();
    }
  return {};
}

Result<std::string> ServiceActionRunner::update_image(const Change& change,
                                                      ApplyObserver& observer) {
  const std::string& id = change.live->id;
  observer.on_step(change, "updating");
  const AttributeChange* status = find_attr(change, "status");
  // Glance changes status through actions, not PATCH: reactivate first, deactivate last.
  if (status && status->after == "active") GLANCER_CHECK(m_service.reactivate(id));
  auto ops = patch_for(change.attributes);
  if (!ops.empty()) {
    GLANCER_TRY(updated, m_service.update(id, ops));
    (void)updated;
  }
  if (const AttributeChange* members = find_attr(change, "members"))
    GLANCER_CHECK(sync_members(id, members->before, members->after));
  if (status && status->after == "deactivated") GLANCER_CHECK(m_service.deactivate(id));
  return id;
}

Result<std::string> ServiceActionRunner::delete_image(const Change& change, bool unprotect) {
  const std::string& id = change.live->id;
  if (change.live->protected_) {
    if (!unprotect) return protected_image_error(id);
    GLANCER_TRY(unprotected, m_service.update(id, {{PatchOp::Kind::replace, "/protected", false}}));
    (void)unprotected;
  }
  auto removed = m_service.remove(id);
  if (!removed && removed.error().code != ErrorCode::not_found) return removed.error();
  return id;
}

}  // namespace glancer
