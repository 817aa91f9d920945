#include "exec/executor.h"

#include <chrono>
#include <set>

#include "core/clock.h"
#include "core/uuid.h"
#include "exec/patch_ops.h"
#include "exec/verifying_source.h"
#include "plan/labels.h"
#include "source/file_source.h"

namespace glancer {

namespace {

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

ApplyOutcome Executor::apply(const Plan& plan) {
  ApplyOutcome outcome;
  for (const Change& change : plan.changes) {
    if (change.action == Action::no_op) continue;
    if (m_cancel && m_cancel->load()) {
      ++outcome.skipped;
      m_observer.on_failed(change, fail(ErrorCode::cancelled, "not started: apply was interrupted"));
      continue;
    }
    auto started = std::chrono::steady_clock::now();
    auto result = apply_change(change);
    if (result) {
      ++outcome.succeeded;
      std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
      m_observer.on_done(change, *result, took.count());
    } else {
      ++outcome.failed;
      m_observer.on_failed(change, result.error());
    }
  }
  return outcome;
}

Result<std::string> Executor::apply_change(const Change& change) {
  switch (change.action) {
    case Action::create: return create_image(change);
    case Action::update: return update_image(change);
    case Action::replace:
    case Action::rotate: return replace_image(change);
    case Action::remove: return delete_image(change, /*unprotect=*/false);
    case Action::no_op: return change.live ? change.live->id : std::string();
  }
  return fail(ErrorCode::internal, "unknown action");
}

Status Executor::upload_verified(const Change& change, const Image& image, Digest& digest) {
  const DesiredImage& d = *change.desired;
  if (!d.source || d.source->file.empty())
    return fail(ErrorCode::invalid_argument, "image `" + d.key + "` has no file source to upload");
  const Digest& planned = *d.source->checksum;
  GLANCER_TRY(file, FileSource::open(d.source->file));
  VerifyingSource verifying(*file, planned.algo, [&](uint64_t bytes, std::optional<uint64_t> total) {
    m_observer.on_progress(change, bytes, total);
  });
  m_observer.on_step(change, "uploading");
  GLANCER_TRY(uploaded, m_service.upload(image.id, verifying));
  m_observer.on_step(change, "verifying");
  digest = verifying.digest();
  const std::string md5 = verifying.md5();
  if (!(digest == planned))
    return fail(ErrorCode::checksum_mismatch,
                d.source->file.string() + " does not match its checksum: expected " +
                    planned.to_string() + ", got " + digest.to_string());
  if (uploaded.checksum != md5 || uploaded.size != static_cast<int64_t>(verifying.bytes()))
    return fail(ErrorCode::checksum_mismatch,
                "the image service stored different data than was sent (md5 " +
                    uploaded.checksum.value_or("null") + ", sent " + md5 + ")");
  return {};
}

Result<std::string> Executor::create_image(const Change& change) {
  const DesiredImage& d = *change.desired;
  ImageCreate req;
  req.id = new_uuid();
  req.name = d.name;
  req.disk_format = d.disk_format;
  req.container_format = d.container_format;
  req.visibility = "private";  // nobody sees it until it is verified
  req.hidden = true;
  req.properties = {{labels::k_set, d.set}, {labels::k_key, d.key}, {labels::k_pending, utc_now()}};
  m_observer.on_step(change, "creating");
  GLANCER_TRY(image, m_service.create(req));

  auto finish = [&]() -> Status {
    Digest digest;
    GLANCER_CHECK(upload_verified(change, image, digest));
    m_observer.on_step(change, "publishing");
    GLANCER_TRY(published, m_service.update(image.id, publish_patch(d, digest)));
    (void)published;
    if (d.visibility == "shared" && !d.members.empty())
      GLANCER_CHECK(sync_members(image.id, nlohmann::json::array(),
                                 std::vector<std::string>(d.members.begin(), d.members.end())));
    if (d.status == "deactivated") GLANCER_CHECK(m_service.deactivate(image.id));
    return {};
  };
  if (auto done = finish(); !done) {
    // Never leave a half-made image behind; if even this fails, the pending label lets the next
    // plan find and delete it.
    (void)m_service.remove(image.id);
    return done.error();
  }
  return image.id;
}

Status Executor::sync_members(const std::string& id, const nlohmann::json& before,
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

Result<std::string> Executor::update_image(const Change& change) {
  const std::string& id = change.live->id;
  m_observer.on_step(change, "updating");
  const AttributeChange* status = find_attr(change, "status");
  // Reactivate before patching and deactivate after, so the image is never usable half-updated.
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

Result<std::string> Executor::replace_image(const Change& change) {
  // Create before destroy: the old image stays until its replacement is verified and published.
  GLANCER_TRY(new_id, create_image(change));
  m_observer.on_step(change, "deleting old image");
  GLANCER_TRY(old_id, delete_image(change, /*unprotect=*/true));
  (void)old_id;
  return new_id;
}

Result<std::string> Executor::delete_image(const Change& change, bool unprotect) {
  const std::string& id = change.live->id;
  if (change.action == Action::remove) m_observer.on_step(change, "deleting");
  if (change.live->protected_) {
    if (!unprotect)
      return fail(ErrorCode::forbidden,
                  "image " + id + " is protected; unprotect it first (openstack image set --unprotected " +
                      id + ")");
    GLANCER_TRY(unprotected, m_service.update(id, {{PatchOp::Kind::replace, "/protected", false}}));
    (void)unprotected;
  }
  auto removed = m_service.remove(id);
  if (!removed && removed.error().code != ErrorCode::not_found) return removed.error();
  return id;
}

}  // namespace glancer
