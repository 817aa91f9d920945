#include "exec/executor.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <set>
#include <thread>

#include "core/clock.h"
#include "core/redact.h"
#include "core/uuid.h"
#include "exec/patch_ops.h"
#include "exec/scheduler.h"
#include "exec/stored_digest.h"
#include "exec/verifying_source.h"
#include "plan/labels.h"
#include "source/file_source.h"
#include "source/inspecting_source.h"
#include "source/url_source.h"

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

namespace {

// Which node kinds move image data (bounded separately from other actions).
bool uploads(const Change& c, Phase phase) {
  return phase == Phase::main &&
         (c.action == Action::create || c.action == Action::replace || c.action == Action::rotate);
}

}  // namespace

void Executor::step(const Change& change, const std::string& what) {
  std::lock_guard lock(m_observer_mutex);
  m_observer.on_step(change, what);
}

Result<ApplyOutcome> Executor::apply(const Plan& plan) {
  GLANCER_TRY(graph, ActionGraph::build(plan.changes));
  Scheduler sched(graph);
  ApplyOutcome outcome;
  std::mutex mu;
  std::condition_variable cv;
  int uploads_running = 0;
  bool cancelled = false;
  // Per change: nodes still to finish, result id, start time; a change is reported once.
  std::vector<int> nodes_left(plan.changes.size(), 0);
  std::vector<std::string> result_id(plan.changes.size());
  std::vector<bool> reported(plan.changes.size(), false);
  std::vector<std::chrono::steady_clock::time_point> started(plan.changes.size());
  for (size_t n = 0; n < graph.size(); ++n) ++nodes_left[graph.node(n).change];

  auto report_skipped = [&](const std::vector<size_t>& nodes, const std::string& why) {
    for (size_t n : nodes) {
      size_t c = graph.node(n).change;
      if (reported[c]) continue;
      reported[c] = true;
      ++outcome.skipped;
      std::lock_guard olock(m_observer_mutex);
      m_observer.on_skipped(plan.changes[c], why);
    }
  };

  auto worker = [&] {
    std::unique_lock lock(mu);
    for (;;) {
      if (!cancelled && m_cancel && m_cancel->load()) {
        cancelled = true;
        report_skipped(sched.cancel(), "apply was interrupted");
        cv.notify_all();
      }
      auto node = sched.start_next([&](size_t n) {
        return !uploads(plan.changes[graph.node(n).change], graph.node(n).phase) ||
               uploads_running < m_options.uploads;
      });
      if (!node) {
        if (sched.finished()) return;
        cv.wait_for(lock, std::chrono::milliseconds(200));
        continue;
      }
      const ActionNode an = graph.node(*node);
      const Change& change = plan.changes[an.change];
      const bool is_upload = uploads(change, an.phase);
      if (is_upload) ++uploads_running;
      if (an.phase == Phase::main) started[an.change] = std::chrono::steady_clock::now();
      lock.unlock();
      auto result = run_node(change, an.phase);
      lock.lock();
      if (is_upload) --uploads_running;
      if (result) {
        sched.finish(*node);
        if (an.phase == Phase::main) result_id[an.change] = *result;
        if (--nodes_left[an.change] == 0 && !reported[an.change]) {
          reported[an.change] = true;
          ++outcome.succeeded;
          std::chrono::duration<double> took =
              std::chrono::steady_clock::now() - started[an.change];
          std::lock_guard olock(m_observer_mutex);
          m_observer.on_done(change, result_id[an.change], took.count());
        }
      } else {
        auto skipped = sched.fail(*node);
        if (!reported[an.change]) {
          reported[an.change] = true;
          ++outcome.failed;
          std::lock_guard olock(m_observer_mutex);
          m_observer.on_failed(change, result.error());
        }
        report_skipped(skipped,
                       "depends on " + image_ref(change.set, change.key) + ", which failed");
      }
      cv.notify_all();
    }
  };

  const int n_workers =
      std::max(1, std::min<int>(m_options.parallelism, static_cast<int>(graph.size())));
  std::vector<std::thread> workers;
  for (int i = 0; i < n_workers; ++i) workers.emplace_back(worker);
  for (auto& t : workers) t.join();
  return outcome;
}

Result<std::string> Executor::run_node(const Change& change, Phase phase) {
  if (phase == Phase::retire) {
    step(change, "deleting the old image");
    return delete_image(change, /*unprotect=*/true);
  }
  switch (change.action) {
    case Action::create:
    case Action::replace:
    case Action::rotate: return create_image(change);
    case Action::update: return update_image(change);
    case Action::remove: return delete_image(change, /*unprotect=*/false);
    case Action::no_op: return change.live ? change.live->id : std::string();
  }
  return fail(ErrorCode::internal, "unknown action");
}

namespace {

// Where the source's data comes from, as error messages name it.
std::string source_name(const ImageSource& s) {
  return s.file.empty() ? redact_url(s.url) : s.file.string();
}

Error mismatch(const ImageSource& s, const Digest& planned, const Digest& got) {
  return Error{ErrorCode::checksum_mismatch,
               source_name(s) + " does not match its checksum: expected " + planned.to_string() +
                   ", got " + got.to_string(),
               {}};
}

}  // namespace

Result<std::unique_ptr<ByteSource>> Executor::open_source(const ImageSource& s) {
  if (!s.file.empty()) {
    GLANCER_TRY(file, FileSource::open(s.file));
    return std::unique_ptr<ByteSource>(std::move(file));
  }
  UrlOptions options;
  options.cancel = m_cancel;
  GLANCER_TRY(url, UrlSource::open(s.url, options));
  return std::unique_ptr<ByteSource>(std::move(url));
}

Status Executor::upload_verified(const Change& change, const Image& image, Digest& digest) {
  const DesiredImage& d = *change.desired;
  if (!d.source || (d.source->file.empty() && d.source->url.empty()))
    return fail(ErrorCode::invalid_argument, "image `" + d.key + "` has no source to upload");
  const ImageSource& src = *d.source;
  if (src.method == "web-download") return import_verified(change, image, digest);
  // A URL without any published digest is still hashed, so the image records what it holds.
  const HashAlgo algo = src.checksum ? src.checksum->algo : HashAlgo::sha256;
  GLANCER_TRY(data, open_source(src));
  step(change, src.file.empty() ? "uploading from " + source_name(src) : "uploading");
  // The plan checked a file's content; the bytes sent (also a download's) are checked as they flow.
  InspectingSource inspected(
      *data, d.disk_format, src.allow_backing_file,
      "image `" + d.key + "`: source " + (src.file.empty() ? "" : "file ") + source_name(src));
  VerifyingSource verifying(inspected, algo, [&](uint64_t bytes, std::optional<uint64_t> total) {
    std::lock_guard lock(m_observer_mutex);
    m_observer.on_progress(change, bytes, total);
  });
  GLANCER_TRY(uploaded, m_service.upload(image.id, verifying));
  step(change, "verifying");
  digest = verifying.digest();
  const std::string md5 = verifying.md5();
  if (src.checksum && !(digest == *src.checksum)) return mismatch(src, *src.checksum, digest);
  if (uploaded.checksum != md5 || uploaded.size != static_cast<int64_t>(verifying.bytes()))
    return fail(ErrorCode::checksum_mismatch,
                "the image service stored different data than was sent (md5 " +
                    uploaded.checksum.value_or("null") + ", sent " + md5 + ")");
  return {};
}

Status Executor::import_verified(const Change& change, const Image& image, Digest& digest) {
  const ImageSource& src = *change.desired->source;
  step(change, "importing from " + source_name(src) + " (web-download)");
  GLANCER_TRY(imported, m_service.web_download(image.id, src.url, m_options.import_timeout));
  // The service fetched the data itself: check it from its own hashes or by streaming it back.
  step(change, "verifying");
  const HashAlgo algo = src.checksum                        ? src.checksum->algo
                        : imported.os_hash_algo == "sha512" ? HashAlgo::sha512
                                                            : HashAlgo::sha256;
  GLANCER_TRY(stored, stored_digest(m_service, imported, algo));
  digest = stored;
  if (src.checksum && !(digest == *src.checksum)) return mismatch(src, *src.checksum, digest);
  return {};
}

Result<std::string> Executor::create_image(const Change& change) {
  const DesiredImage& d = *change.desired;
  ImageCreate req;
  req.id = change.new_id.empty() ? new_uuid() : change.new_id;
  req.name = d.name;
  req.disk_format = d.disk_format;
  req.container_format = d.container_format;
  req.visibility = "private";  // nobody sees it until it is verified
  req.hidden = true;
  req.properties = {{labels::k_set, d.set}, {labels::k_key, d.key}, {labels::k_pending, utc_now()}};
  step(change, "creating");
  GLANCER_TRY(image, m_service.create(req));

  std::optional<PatchOp> undo_demotion;
  auto finish = [&]() -> Status {
    Digest digest;
    GLANCER_CHECK(upload_verified(change, image, digest));
    if (change.action == Action::rotate) {
      // The verified new version is ready: demote the current image to a kept version, then
      // publish the new one under the canonical name right after, so the name never points at
      // two images and never at an unverified one.
      step(change, "keeping the current image as \"" + change.previous_name + "\"");
      GLANCER_TRY(demoted, m_service.update(change.live->id,
                                            demote_patch(change.previous_name, utc_now_millis())));
      (void)demoted;
      undo_demotion = PatchOp{PatchOp::Kind::replace, "/name", d.name};
    }
    step(change, "publishing");
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
    // plan find and delete it. A demoted image gets its name and visibility back.
    (void)m_service.remove(image.id);
    if (undo_demotion)
      (void)m_service.update(
          change.live->id,
          {*undo_demotion,
           {PatchOp::Kind::replace, "/os_hidden", change.live->hidden},
           {PatchOp::Kind::remove, std::string("/") + labels::k_previous, nullptr}});
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
  step(change, "updating");
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

Result<std::string> Executor::delete_image(const Change& change, bool unprotect) {
  const std::string& id = change.live->id;
  if (change.action == Action::remove) step(change, "deleting");
  if (change.live->protected_) {
    if (!unprotect)
      return fail(ErrorCode::forbidden,
                  "image " + id +
                      " is protected; unprotect it first (openstack image set --unprotected " + id +
                      ")");
    GLANCER_TRY(unprotected, m_service.update(id, {{PatchOp::Kind::replace, "/protected", false}}));
    (void)unprotected;
  }
  auto removed = m_service.remove(id);
  if (!removed && removed.error().code != ErrorCode::not_found) return removed.error();
  return id;
}

}  // namespace glancer
