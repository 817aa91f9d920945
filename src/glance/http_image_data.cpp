// HttpImageService: image data (upload, download, import), tags and members.
#include <algorithm>
#include <thread>

#include "glance/http_image_service.h"

namespace glancer {

namespace {

/// Passes a source through, failing with `io` when it delivers more or fewer bytes than declared
/// (Glance would otherwise store a truncated image or cut the body off silently).
class CountingSource : public ByteSource {
 public:
  explicit CountingSource(ByteSource& inner) : m_inner(inner), m_declared(inner.size()) {}
  Result<size_t> read(char* buf, size_t n) override {
    GLANCER_TRY(got, m_inner.read(buf, n));
    m_count += got;
    if (m_declared && m_count > *m_declared)
      return fail(ErrorCode::io, "the source delivered more than its declared " +
                                     std::to_string(*m_declared) + " bytes");
    if (got == 0 && m_declared && m_count != *m_declared)
      return fail(ErrorCode::io, "the source ended after " + std::to_string(m_count) + " of " +
                                     std::to_string(*m_declared) + " bytes");
    return got;
  }
  std::optional<uint64_t> size() const override { return m_declared; }
  Status rewind() override {
    GLANCER_CHECK(m_inner.rewind());
    m_count = 0;
    return {};
  }
  uint64_t count() const { return m_count; }

 private:
  ByteSource& m_inner;
  std::optional<uint64_t> m_declared;
  uint64_t m_count = 0;
};

bool is_ascii(const std::string& s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

std::string image_path(const std::string& id) {
  return "/v2/images/" + url_escape(id);
}

}  // namespace

Result<Member> member_from_json(const nlohmann::json& j, const std::string& what) {
  auto text = [&](const char* key, const char* fallback, std::string& out) {
    auto it = j.find(key);
    if (it == j.end()) return out = fallback, true;
    if (!it->is_string()) return false;
    return out = it->get<std::string>(), true;
  };
  Member m;
  if (!j.is_object() || !text("image_id", "", m.image_id) || !text("member_id", "", m.member_id) ||
      !text("status", "pending", m.status) || !text("created_at", "", m.created_at) ||
      !text("updated_at", "", m.updated_at))
    return fail(ErrorCode::transport, what + ": the response is not an image member");
  return m;
}

Result<Image> HttpImageService::upload(const std::string& id, ByteSource& data) {
  CountingSource counted(data);
  const GlanceCall put{.method = "PUT",
                       .path = image_path(id) + "/file",
                       .content_type = "application/octet-stream",
                       .upload = &counted};
  for (int attempt = 1;; ++attempt) {
    auto sent = send_once(put);
    if (sent && sent->status >= 200 && sent->status < 300) return get(id);
    const bool transient = sent ? retryable_status(sent->status) : retryable_error(sent.error());
    const Error error = sent ? status_error(put, *sent) : sent.error();
    if (!transient || attempt >= m_options.retry.max_attempts) return error;
    // The data may have arrived and only the response been lost, or the service may have put
    // the image back to queued: look before sending again. A still-saving image (the service
    // has not noticed the broken connection yet) gets one more backoff to settle.
    const uint64_t sent_bytes = counted.count();
    wait_before_retry(attempt, put.method + " " + put.path,
                      sent ? sent->header("Retry-After") : "");
    GLANCER_TRY(image, get(id));
    if (image.status == "saving") {
      wait_before_retry(attempt, put.method + " " + put.path, "");
      GLANCER_TRY(again, get(id));
      image = std::move(again);
    }
    if (image.status == "active" && counted.size() && sent_bytes == *counted.size() && image.size &&
        static_cast<uint64_t>(*image.size) == sent_bytes)
      return image;
    if (image.status != "queued")
      return fail(error.code, error.message + " (the image is now " + image.status +
                                  ", so the data is not sent again)");
    if (auto rewound = counted.rewind(); !rewound)
      return fail(error.code, error.message + " (not sent again: " + rewound.error().message + ")");
  }
}

Status HttpImageService::download(const std::string& id, ByteSink& sink,
                                  std::optional<ByteRange> range) {
  std::vector<std::string> headers;
  if (range)
    headers.push_back("Range: bytes=" + std::to_string(range->first) + "-" +
                      (range->last ? std::to_string(*range->last) : ""));
  GLANCER_TRY(r, call({.method = "GET",
                       .path = image_path(id) + "/file",
                       .download = &sink,
                       .headers = headers,
                       .idempotent = false}));
  (void)r;  // 204: an image without data writes nothing
  return {};
}

Result<Image> HttpImageService::patch_tags(const std::string& id, const std::string& tag,
                                           bool add) {
  GLANCER_TRY(image, get(id));
  if (!add && !image.tags.count(tag))
    return fail(ErrorCode::not_found, "DELETE " + image_path(id) + "/tags: tag not found");
  if (add)
    image.tags.insert(tag);
  else
    image.tags.erase(tag);
  nlohmann::json tags = std::vector<std::string>(image.tags.begin(), image.tags.end());
  return update(id, {PatchOp{PatchOp::Kind::replace, "/tags", tags}});
}

Status HttpImageService::add_tag(const std::string& id, const std::string& tag) {
  // Glance garbles non-ASCII tags in URLs: those go through PATCH /tags instead.
  if (!is_ascii(tag)) {
    GLANCER_TRY(image, patch_tags(id, tag, true));
    (void)image;
    return {};
  }
  GLANCER_TRY(r, call({.method = "PUT", .path = image_path(id) + "/tags/" + url_escape(tag)}));
  (void)r;
  return {};
}

Status HttpImageService::remove_tag(const std::string& id, const std::string& tag) {
  if (!is_ascii(tag)) {
    GLANCER_TRY(image, patch_tags(id, tag, false));
    (void)image;
    return {};
  }
  int attempts = 0;
  auto r =
      call({.method = "DELETE", .path = image_path(id) + "/tags/" + url_escape(tag)}, &attempts);
  if (!r && !(r.error().code == ErrorCode::not_found && attempts > 1)) return r.error();
  return {};
}

Result<std::vector<Member>> HttpImageService::list_members(const std::string& id) {
  GLANCER_TRY(r, call({.method = "GET", .path = image_path(id) + "/members"}));
  auto j = nlohmann::json::parse(r.body, nullptr, false);
  std::vector<Member> out;
  if (!j.is_discarded() && j.is_object() && j.contains("members") && j["members"].is_array())
    for (const auto& m : j["members"]) {
      GLANCER_TRY(member, member_from_json(m, "GET " + image_path(id) + "/members"));
      out.push_back(std::move(member));
    }
  std::sort(out.begin(), out.end(),
            [](const Member& a, const Member& b) { return a.member_id < b.member_id; });
  return out;
}

Result<Member> HttpImageService::add_member(const std::string& id, const std::string& member) {
  int attempts = 0;
  auto r = call({.method = "POST",
                 .path = image_path(id) + "/members",
                 .content_type = "application/json",
                 .body = nlohmann::json{{"member", member}}.dump()},
                &attempts);
  if (!r && r.error().code == ErrorCode::conflict && attempts > 1) {
    GLANCER_TRY(members, list_members(id));
    for (const Member& m : members)
      if (m.member_id == member) return m;
  }
  if (!r) return r.error();
  return member_from_json(nlohmann::json::parse(r->body, nullptr, false),
                          "POST " + image_path(id) + "/members");
}

Result<Member> HttpImageService::update_member(const std::string& id, const std::string& member,
                                               const std::string& status) {
  GLANCER_TRY(r, call({.method = "PUT",
                       .path = image_path(id) + "/members/" + url_escape(member),
                       .content_type = "application/json",
                       .body = nlohmann::json{{"status", status}}.dump()}));
  return member_from_json(nlohmann::json::parse(r.body, nullptr, false),
                          "PUT " + image_path(id) + "/members/" + member);
}

Status HttpImageService::remove_member(const std::string& id, const std::string& member) {
  int attempts = 0;
  auto r = call({.method = "DELETE", .path = image_path(id) + "/members/" + url_escape(member)},
                &attempts);
  if (!r && !(r.error().code == ErrorCode::not_found && attempts > 1)) return r.error();
  return {};
}

Result<std::vector<std::string>> HttpImageService::import_methods() {
  GLANCER_TRY(r, call({.method = "GET", .path = "/v2/info/import"}));
  auto j = nlohmann::json::parse(r.body, nullptr, false);
  std::vector<std::string> out;
  if (!j.is_discarded() && j.is_object() && j.contains("import-methods") &&
      j["import-methods"].is_object())
    if (auto v = j["import-methods"].find("value"); v != j["import-methods"].end() && v->is_array())
      for (const auto& m : *v)
        if (m.is_string()) out.push_back(m.get<std::string>());
  return out;
}

Status HttpImageService::stage(const std::string& id, ByteSource& data) {
  CountingSource counted(data);
  GLANCER_TRY(r, call({.method = "PUT",
                       .path = image_path(id) + "/stage",
                       .content_type = "application/octet-stream",
                       .upload = &counted,
                       .idempotent = false}));
  (void)r;
  return {};
}

Status HttpImageService::start_import(const std::string& id, const std::string& method,
                                      const std::string& uri) {
  nlohmann::json m = {{"name", method}};
  if (!uri.empty()) m["uri"] = uri;
  GLANCER_TRY(r, call({.method = "POST",
                       .path = image_path(id) + "/import",
                       .content_type = "application/json",
                       .body = nlohmann::json{{"method", m}}.dump(),
                       .idempotent = false}));
  (void)r;
  return {};
}

Result<Image> HttpImageService::wait_for_import(const std::string& id, std::chrono::seconds limit,
                                                std::chrono::milliseconds poll) {
  auto deadline = m_options.clock->steady_now() + limit;
  for (;;) {
    GLANCER_TRY(image, get(id));
    // Active is not yet done: until the task drops its lock (os_glance_import_task), Glance's
    // flow still loads and saves the whole image, purging any property set in between, such as
    // the labels glancer writes next.
    auto lock = image.property("os_glance_import_task");
    if (image.status == "active" && (!lock || lock->empty())) return image;
    auto failed = image.property("os_glance_failed_import");
    if (image.status == "killed" || (image.status == "queued" && failed && !failed->empty()))
      return fail(ErrorCode::conflict, "import of image " + id + " failed (status " + image.status +
                                           (failed ? ", failed stores: " + *failed : "") + ")");
    if (m_options.clock->steady_now() >= deadline)
      return fail(ErrorCode::timeout, "import of image " + id + " still " + image.status +
                                          " after " + std::to_string(limit.count()) + " s");
    m_options.retry.wait(poll);
  }
}

Result<Image> HttpImageService::web_download(const std::string& id, const std::string& url,
                                             std::chrono::seconds limit) {
  GLANCER_TRY(methods, import_methods());
  if (std::find(methods.begin(), methods.end(), "web-download") == methods.end()) {
    std::string offered;
    for (const auto& m : methods) offered += (offered.empty() ? "" : ", ") + m;
    return fail(ErrorCode::forbidden,
                "the image service does not enable the web-download import method (it offers: " +
                    (offered.empty() ? std::string("none") : offered) + ")");
  }
  GLANCER_CHECK(start_import(id, "web-download", url));
  return wait_for_import(id, limit);
}

}  // namespace glancer
