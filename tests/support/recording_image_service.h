#pragma once
/// A recording ImageService for tests (in the spirit of ninja's VirtualFileSystem): it passes
/// every call to a real inner service (LocalImageService in a temp dir gives Glance's
/// semantics), records each call in order, can fail a chosen call with a chosen error, and
/// answers web-download from in-memory data, so no test does network I/O.

#include <algorithm>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "glance/image_service.h"
#include "support/memory_stream.h"

namespace glancer::testing {

/// One call made to the service: the method and the image id it named ("" for list).
struct ServiceCall {
  std::string method;  ///< "create", "update", "upload", "web_download", "remove", …
  std::string id;
  /// "method id", or just "method" without an id.
  std::string to_string() const { return id.empty() ? method : method + " " + id; }
  friend bool operator==(const ServiceCall&, const ServiceCall&) = default;
};

/// Passes a source of declared size through up to that size, then ends without reading it
/// further (the way curl stops asking for a body once Content-Length bytes are sent).
class SizeBoundSource final : public ByteSource {
 public:
  explicit SizeBoundSource(ByteSource& inner) : m_inner(inner), m_size(inner.size().value_or(0)) {}
  Result<size_t> read(char* buf, size_t n) override {
    if (m_sent >= m_size) return size_t{0};
    auto got = m_inner.read(buf, static_cast<size_t>(std::min<uint64_t>(n, m_size - m_sent)));
    if (got) m_sent += *got;
    return got;
  }
  std::optional<uint64_t> size() const override { return m_size; }

 private:
  ByteSource& m_inner;
  uint64_t m_size;
  uint64_t m_sent = 0;
};

/// Decorates `inner`; thread-safe as far as `inner` is.
class RecordingImageService final : public ImageService {
 public:
  /// `inner` must outlive this object.
  explicit RecordingImageService(ImageService& inner) : m_inner(inner) {}

  /// Every call so far, in order (failed ones too).
  std::vector<ServiceCall> calls() const {
    std::lock_guard lock(m_mutex);
    return m_calls;
  }
  /// calls() as "method id" strings, the easiest to compare in a CHECK.
  std::vector<std::string> call_strings() const {
    std::vector<std::string> out;
    for (const auto& c : calls()) out.push_back(c.to_string());
    return out;
  }
  /// Forgets the calls recorded so far (after a test's setup).
  void clear_calls() {
    std::lock_guard lock(m_mutex);
    m_calls.clear();
    m_per_method.clear();
  }
  /// The `n`th call from now on (1-based, any method) fails with `error` without reaching
  /// the inner service.
  void fail_call(size_t n, Error error) {
    std::lock_guard lock(m_mutex);
    m_fail_nth[m_calls.size() + n] = std::move(error);
  }
  /// The `n`th call of `method` from now on (1-based) fails with `error`.
  void fail_call(const std::string& method, size_t n, Error error) {
    std::lock_guard lock(m_mutex);
    m_fail_method[{method, m_per_method[method] + n}] = std::move(error);
  }
  /// web_download(id, url) stores `data` into the image (through the inner upload).
  void serve_url(const std::string& url, std::string data) {
    std::lock_guard lock(m_mutex);
    m_urls[url] = std::move(data);
  }

  /// Uploads read a source of declared size only up to that size and never ask it for the end
  /// of the stream, as an HTTP client sending Content-Length does (HttpImageService).
  void stop_uploads_at_declared_size() {
    std::lock_guard lock(m_mutex);
    m_stop_at_size = true;
  }

  std::string describe() const override { return m_inner.describe(); }
  Result<std::vector<Image>> list(const ListQuery& query) override {
    if (auto e = record("list", "")) return *e;
    return m_inner.list(query);
  }
  Result<ListPage> list_page(const ListRequest& request) override {
    if (auto e = record("list_page", "")) return *e;
    return m_inner.list_page(request);
  }
  Result<Image> get(const std::string& id) override {
    if (auto e = record("get", id)) return *e;
    return m_inner.get(id);
  }
  Result<Image> create(const ImageCreate& request) override {
    if (auto e = record("create", request.id.value_or(""))) return *e;
    return m_inner.create(request);
  }
  Result<Image> update(const std::string& id, const std::vector<PatchOp>& ops) override {
    if (auto e = record("update", id)) return *e;
    return m_inner.update(id, ops);
  }
  Result<Image> upload(const std::string& id, ByteSource& data) override {
    if (auto e = record("upload", id)) return *e;
    bool stop_at_size = false;
    {
      std::lock_guard lock(m_mutex);
      stop_at_size = m_stop_at_size;
    }
    if (!stop_at_size || !data.size()) return m_inner.upload(id, data);
    SizeBoundSource bound(data);
    return m_inner.upload(id, bound);
  }
  Status download(const std::string& id, ByteSink& sink,
                  std::optional<ByteRange> range = std::nullopt) override {
    if (auto e = record("download", id)) return *e;
    return m_inner.download(id, sink, range);
  }
  /// Never the inner web_download (which fetches over the network): the data given to
  /// serve_url(), or a transport error for any other URL.
  Result<Image> web_download(const std::string& id, const std::string& url,
                             std::chrono::seconds) override {
    if (auto e = record("web_download", id)) return *e;
    std::optional<std::string> data;
    {
      std::lock_guard lock(m_mutex);
      if (auto it = m_urls.find(url); it != m_urls.end()) data = it->second;
    }
    if (!data) return fail(ErrorCode::transport, "test: nothing served at " + url);
    TestSource source(std::move(*data));
    return m_inner.upload(id, source);
  }
  Status remove(const std::string& id) override {
    if (auto e = record("remove", id)) return *e;
    return m_inner.remove(id);
  }
  Status deactivate(const std::string& id) override {
    if (auto e = record("deactivate", id)) return *e;
    return m_inner.deactivate(id);
  }
  Status reactivate(const std::string& id) override {
    if (auto e = record("reactivate", id)) return *e;
    return m_inner.reactivate(id);
  }
  Status add_tag(const std::string& id, const std::string& tag) override {
    if (auto e = record("add_tag", id)) return *e;
    return m_inner.add_tag(id, tag);
  }
  Status remove_tag(const std::string& id, const std::string& tag) override {
    if (auto e = record("remove_tag", id)) return *e;
    return m_inner.remove_tag(id, tag);
  }
  Result<std::vector<Member>> list_members(const std::string& id) override {
    if (auto e = record("list_members", id)) return *e;
    return m_inner.list_members(id);
  }
  Result<Member> add_member(const std::string& id, const std::string& member) override {
    if (auto e = record("add_member", id)) return *e;
    return m_inner.add_member(id, member);
  }
  Result<Member> update_member(const std::string& id, const std::string& member,
                               const std::string& status) override {
    if (auto e = record("update_member", id)) return *e;
    return m_inner.update_member(id, member, status);
  }
  Status remove_member(const std::string& id, const std::string& member) override {
    if (auto e = record("remove_member", id)) return *e;
    return m_inner.remove_member(id, member);
  }

 private:
  // Records the call; returns the error it must fail with, if one was injected for it.
  std::optional<Error> record(const std::string& method, const std::string& id) {
    std::lock_guard lock(m_mutex);
    m_calls.push_back({method, id});
    const size_t nth_of_method = ++m_per_method[method];
    std::optional<Error> out;
    if (auto it = m_fail_nth.find(m_calls.size()); it != m_fail_nth.end()) out = it->second;
    if (auto it = m_fail_method.find({method, nth_of_method}); it != m_fail_method.end())
      out = it->second;
    return out;
  }

  ImageService& m_inner;
  mutable std::mutex m_mutex;
  std::vector<ServiceCall> m_calls;
  std::map<std::string, size_t> m_per_method;  // calls so far by method
  std::map<size_t, Error> m_fail_nth;          // overall call number → error
  std::map<std::pair<std::string, size_t>, Error> m_fail_method;
  std::map<std::string, std::string> m_urls;  // web_download data by URL
  bool m_stop_at_size = false;
};

}  // namespace glancer::testing
