#include "source/url_source.h"

#include <curl/curl.h>

#include <algorithm>
#include <cstdio>
#include <cstring>

#include "core/redact.h"
#include "net/curl_easy.h"
#include "source/mirror_retry.h"

namespace glancer {

std::string wait_text(std::chrono::milliseconds wait) {
  char buf[32];
  if (wait < std::chrono::seconds(10))
    std::snprintf(buf, sizeof buf, "%.1f s", static_cast<double>(wait.count()) / 1000);
  else
    std::snprintf(buf, sizeof buf, "%lld s", static_cast<long long>(wait.count() / 1000));
  return buf;
}

Error mirror_gave_up_earlier(const std::string& url, const std::string& reason) {
  return Error{ErrorCode::transport,
               redact_url(url) + ": not tried: " + redact_url(url_origin(url)) +
                   " gave up earlier in this run (" + reason + ")",
               {}};
}

namespace {

// What a transfer's progress callback watches: Ctrl-C, and whether the server has answered
// (a status line) within answer_timeout_s of the request's start.
struct Watch {
  const UrlOptions* options = nullptr;
  CURL* handle = nullptr;
  std::chrono::steady_clock::time_point deadline;
  bool no_answer = false;
};

int on_progress(void* p, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  auto* w = static_cast<Watch*>(p);
  if (w->options->cancel && w->options->cancel->load()) return 1;
  long code = 0;
  curl_easy_getinfo(w->handle, CURLINFO_RESPONSE_CODE, &code);
  if (code == 0 && std::chrono::steady_clock::now() > w->deadline) {
    w->no_answer = true;
    return 1;
  }
  return 0;
}

// A mirror request: net's shared options, then http(s) only, also after redirects, and the
// progress callback that watches `watch` (which must outlive the transfer).
void set_common(net::CurlEasy& h, const std::string& url, const UrlOptions& o, Watch& watch) {
  h.set_common(url, net::Timeouts{o.connect_timeout_s, o.stall_timeout_s});
  CURL* c = h.get();
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(c, CURLOPT_MAXREDIRS, 10L);
  curl_easy_setopt(c, CURLOPT_USERAGENT, "glancer");
  curl_easy_setopt(c, CURLOPT_FILETIME, 1L);
  watch = Watch{&o, c, std::chrono::steady_clock::now() + std::chrono::seconds(o.answer_timeout_s),
                false};
  curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, on_progress);
  curl_easy_setopt(c, CURLOPT_XFERINFODATA, &watch);
  curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
}

// The error of a finished transfer: the HTTP status if the server refused, else libcurl's.
Error transfer_error(const char* method, const std::string& url, const net::CurlEasy& h,
                     CURLcode rc, const UrlOptions& o, const Watch& watch) {
  const std::string what = net::describe(method, url);
  if (o.cancel && o.cancel->load()) return Error{ErrorCode::cancelled, what + ": interrupted", {}};
  if (watch.no_answer)
    return Error{ErrorCode::timeout,
                 what + ": no answer within " + std::to_string(o.answer_timeout_s) + " s",
                 {}};
  if (long code = h.response_code(); code >= 300) return net::status_error(what, code);
  return net::transfer_error(what, h, rc);
}

// Whether a failed attempt may pass: the server's refusal if it answered, else the failure.
bool transient(const net::CurlEasy& h, const Error& error) {
  if (error.code == ErrorCode::cancelled) return false;
  const long code = h.response_code();
  return code >= 300 ? retryable_status(code) : retryable_error(error);
}

UrlInfo info_of(CURL* c) {
  UrlInfo info;
  curl_off_t length = -1, filetime = -1;
  curl_easy_getinfo(c, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &length);
  curl_easy_getinfo(c, CURLINFO_FILETIME_T, &filetime);
  if (length >= 0) info.size = static_cast<uint64_t>(length);
  if (filetime >= 0)
    info.last_modified = std::chrono::system_clock::from_time_t(static_cast<time_t>(filetime));
  return info;
}

// Headers only: the first body byte ends a GET used in place of a refused HEAD.
size_t stop_at_body(char*, size_t, size_t, void*) {
  return 0;
}

// One HEAD (or, where HEAD is refused, a GET cut after the headers).
Result<UrlInfo> probe_once(const std::string& url, const UrlOptions& options, bool& retry) {
  for (bool head : {true, false}) {
    net::CurlEasy h;
    if (!h) return fail(ErrorCode::internal, "curl_easy_init failed");
    Watch watch;
    set_common(h, url, options, watch);
    if (head)
      curl_easy_setopt(h.get(), CURLOPT_NOBODY, 1L);
    else
      curl_easy_setopt(h.get(), CURLOPT_WRITEFUNCTION, stop_at_body);
    const CURLcode rc = curl_easy_perform(h.get());
    const long code = h.response_code();
    // Some mirrors refuse HEAD; their GET tells the same in its headers.
    if (head && (code == 405 || code == 501 || code == 403)) continue;
    const bool cut_short = !head && rc == CURLE_WRITE_ERROR;
    if ((rc != CURLE_OK && !cut_short) || code >= 300) {
      Error error = transfer_error(head ? "HEAD" : "GET", url, h, rc, options, watch);
      retry = transient(h, error);
      return error;
    }
    return info_of(h.get());
  }
  return fail(ErrorCode::internal, "unreachable");
}

struct TextSink {
  std::string text;
  size_t max = 0;
  bool too_large = false;
};

size_t on_text(char* data, size_t size, size_t count, void* p) {
  auto* sink = static_cast<TextSink*>(p);
  const size_t n = size * count;
  if (sink->text.size() + n > sink->max) {
    sink->too_large = true;
    return 0;
  }
  sink->text.append(data, n);
  return n;
}

Result<std::string> fetch_once(const std::string& url, size_t max_bytes, const UrlOptions& options,
                               bool& retry) {
  net::CurlEasy h;
  if (!h) return fail(ErrorCode::internal, "curl_easy_init failed");
  TextSink sink{"", max_bytes, false};
  Watch watch;
  set_common(h, url, options, watch);
  curl_easy_setopt(h.get(), CURLOPT_WRITEFUNCTION, on_text);
  curl_easy_setopt(h.get(), CURLOPT_WRITEDATA, &sink);
  const CURLcode rc = curl_easy_perform(h.get());
  if (sink.too_large)
    return fail(ErrorCode::quota, net::describe("GET", url) + ": larger than " +
                                      std::to_string(max_bytes) +
                                      " bytes, which is not a checksum file");
  if (rc != CURLE_OK || h.response_code() >= 300) {
    Error error = transfer_error("GET", url, h, rc, options, watch);
    retry = transient(h, error);
    return error;
  }
  return std::move(sink.text);
}

}  // namespace

Result<UrlInfo> probe_url(const std::string& url, const UrlOptions& options) {
  return retry_mirror_request<UrlInfo>(
      options, url, [&](bool& retry) { return probe_once(url, options, retry); });
}

Result<std::string> fetch_text(const std::string& url, size_t max_bytes,
                               const UrlOptions& options) {
  return retry_mirror_request<std::string>(
      options, url, [&](bool& retry) { return fetch_once(url, max_bytes, options, retry); });
}

struct UrlSource::Impl {
  std::string url;
  UrlOptions options;
  net::CurlEasy easy;  // first: it initialises libcurl
  CURLM* multi = curl_multi_init();
  Watch watch;
  std::string buf;  // received, not yet read: buf[off…]
  size_t off = 0;
  bool paused = false;
  bool done = false;
  CURLcode result = CURLE_OK;

  ~Impl() {
    if (multi && easy) curl_multi_remove_handle(multi, easy.get());
    curl_multi_cleanup(multi);  // `easy` is cleaned up after, once it left the multi
  }
  size_t buffered() const { return buf.size() - off; }

  static size_t on_data(char* data, size_t size, size_t count, void* p) {
    auto* self = static_cast<Impl*>(p);
    if (self->easy.response_code() >= 300) return 0;  // an error page is not image data
    if (self->buffered() >= k_chunk_size) {           // the reader is behind: hold the data
      self->paused = true;
      return CURL_WRITEFUNC_PAUSE;
    }
    if (self->off >= k_chunk_size || self->off == self->buf.size()) {  // drop what was read
      self->buf.erase(0, self->off);
      self->off = 0;
    }
    self->buf.append(data, size * count);
    return size * count;
  }

  // Moves the transfer forward: waits up to 200 ms for data, then takes what arrived.
  Status pump() {
    if (options.cancel && options.cancel->load())
      return Error{ErrorCode::cancelled, net::describe("GET", url) + ": interrupted", {}};
    if (paused && buffered() < k_chunk_size) {
      paused = false;
      curl_easy_pause(easy.get(), CURLPAUSE_CONT);
    }
    int running = 0;
    if (CURLMcode mc = curl_multi_perform(multi, &running); mc != CURLM_OK)
      return fail(ErrorCode::transport, net::describe("GET", url) + ": " + curl_multi_strerror(mc));
    if (running == 0) {
      int left = 0;
      while (CURLMsg* msg = curl_multi_info_read(multi, &left))
        if (msg->msg == CURLMSG_DONE) result = msg->data.result;
      done = true;
      return {};
    }
    if (buffered() == 0) curl_multi_poll(multi, nullptr, 0, 200, nullptr);
    return {};
  }

  Status finished_ok() {
    if (result == CURLE_OK && easy.response_code() < 300) return {};
    return transfer_error("GET", url, easy, result, options, watch);
  }

  // One GET, up to its first bytes (or its end): by then the status and Content-Length are
  // known. `retry` tells whether a failure may pass.
  static Result<std::unique_ptr<Impl>> start(const std::string& url, const UrlOptions& options,
                                             bool& retry) {
    auto impl = std::make_unique<Impl>();
    if (!impl->multi || !impl->easy) return fail(ErrorCode::internal, "curl initialisation failed");
    impl->url = url;
    impl->options = options;
    set_common(impl->easy, url, impl->options, impl->watch);
    curl_easy_setopt(impl->easy.get(), CURLOPT_WRITEFUNCTION, &Impl::on_data);
    curl_easy_setopt(impl->easy.get(), CURLOPT_WRITEDATA, impl.get());
    curl_multi_add_handle(impl->multi, impl->easy.get());
    Status started;
    while (started && impl->buffered() == 0 && !impl->done) started = impl->pump();
    if (started && impl->done) started = impl->finished_ok();
    if (!started) {
      retry = transient(impl->easy, started.error());
      return started.error();
    }
    return impl;
  }

  // start() under the retry policy.
  static Result<std::unique_ptr<Impl>> open(const std::string& url, const UrlOptions& options) {
    return retry_mirror_request<std::unique_ptr<Impl>>(
        options, url, [&](bool& retry) { return start(url, options, retry); });
  }
};

UrlSource::UrlSource(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
UrlSource::~UrlSource() = default;

Result<std::unique_ptr<UrlSource>> UrlSource::open(const std::string& url,
                                                   const UrlOptions& options) {
  GLANCER_TRY(impl, Impl::open(url, options));
  const UrlInfo info = info_of(impl->easy.get());
  std::unique_ptr<UrlSource> source(new UrlSource(std::move(impl)));
  source->m_size = info.size;
  return source;
}

Status UrlSource::rewind() {
  const std::string url = m_impl->url;
  const UrlOptions options = m_impl->options;
  m_impl.reset();  // the old transfer ends before the new one starts
  GLANCER_TRY(impl, Impl::open(url, options));
  const std::optional<uint64_t> size = info_of(impl->easy.get()).size;
  m_impl = std::move(impl);
  if (size != m_size)
    return fail(ErrorCode::io, net::describe("GET", url) + ": the mirror now sends " +
                                   (size ? std::to_string(*size) : "an unknown number of") +
                                   " bytes, not " +
                                   (m_size ? std::to_string(*m_size) : "an unknown number"));
  return {};
}

Result<size_t> UrlSource::read(char* buf, size_t n) {
  Impl& s = *m_impl;
  while (s.buffered() == 0) {
    if (s.done) {
      GLANCER_CHECK(s.finished_ok());
      return size_t{0};
    }
    GLANCER_CHECK(s.pump());
  }
  const size_t take = std::min(n, s.buffered());
  std::memcpy(buf, s.buf.data() + s.off, take);
  s.off += take;
  return take;
}

}  // namespace glancer
