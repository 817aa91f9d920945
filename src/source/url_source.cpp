#include "source/url_source.h"

#include <curl/curl.h>

#include <algorithm>
#include <cstring>

#include "net/curl_easy.h"

namespace glancer {

namespace {

// A mirror request: net's shared options, then http(s) only, also after redirects.
void set_common(net::CurlEasy& h, const std::string& url, const UrlOptions& o) {
  h.set_common(url, net::Timeouts{o.connect_timeout_s, o.stall_timeout_s});
  CURL* c = h.get();
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(c, CURLOPT_MAXREDIRS, 10L);
  curl_easy_setopt(c, CURLOPT_USERAGENT, "glancer");
  curl_easy_setopt(c, CURLOPT_FILETIME, 1L);
}

int on_progress(void* cancel, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  return cancel && static_cast<const std::atomic<bool>*>(cancel)->load() ? 1 : 0;
}

void set_cancel(const net::CurlEasy& h, const UrlOptions& o) {
  if (!o.cancel) return;
  CURL* c = h.get();
  curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, on_progress);
  curl_easy_setopt(c, CURLOPT_XFERINFODATA, const_cast<std::atomic<bool>*>(o.cancel));
  curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
}

// The error of a finished transfer: the HTTP status if the server refused, else libcurl's.
Error transfer_error(const char* method, const std::string& url, const net::CurlEasy& h,
                     CURLcode rc, const UrlOptions& o) {
  const std::string what = net::describe(method, url);
  if (o.cancel && o.cancel->load()) return Error{ErrorCode::cancelled, what + ": interrupted", {}};
  if (long code = h.response_code(); code >= 300) return net::status_error(what, code);
  return net::transfer_error(what, h, rc);
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

}  // namespace

Result<UrlInfo> probe_url(const std::string& url, const UrlOptions& options) {
  for (bool head : {true, false}) {
    net::CurlEasy h;
    if (!h) return fail(ErrorCode::internal, "curl_easy_init failed");
    set_common(h, url, options);
    set_cancel(h, options);
    if (head)
      curl_easy_setopt(h.get(), CURLOPT_NOBODY, 1L);
    else
      curl_easy_setopt(h.get(), CURLOPT_WRITEFUNCTION, stop_at_body);
    const CURLcode rc = curl_easy_perform(h.get());
    const long code = h.response_code();
    // Some mirrors refuse HEAD; their GET tells the same in its headers.
    if (head && (code == 405 || code == 501 || code == 403)) continue;
    const bool cut_short = !head && rc == CURLE_WRITE_ERROR;
    if ((rc != CURLE_OK && !cut_short) || code >= 300)
      return transfer_error(head ? "HEAD" : "GET", url, h, rc, options);
    return info_of(h.get());
  }
  return fail(ErrorCode::internal, "unreachable");
}

namespace {

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

}  // namespace

Result<std::string> fetch_text(const std::string& url, size_t max_bytes,
                               const UrlOptions& options) {
  net::CurlEasy h;
  if (!h) return fail(ErrorCode::internal, "curl_easy_init failed");
  TextSink sink{"", max_bytes, false};
  set_common(h, url, options);
  set_cancel(h, options);
  curl_easy_setopt(h.get(), CURLOPT_WRITEFUNCTION, on_text);
  curl_easy_setopt(h.get(), CURLOPT_WRITEDATA, &sink);
  const CURLcode rc = curl_easy_perform(h.get());
  if (sink.too_large)
    return fail(ErrorCode::quota, net::describe("GET", url) + ": larger than " +
                                      std::to_string(max_bytes) +
                                      " bytes, which is not a checksum file");
  if (rc != CURLE_OK || h.response_code() >= 300) return transfer_error("GET", url, h, rc, options);
  return std::move(sink.text);
}

struct UrlSource::Impl {
  std::string url;
  UrlOptions options;
  net::CurlEasy easy;  // first: it initialises libcurl
  CURLM* multi = curl_multi_init();
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
    return transfer_error("GET", url, easy, result, options);
  }
};

UrlSource::UrlSource(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
UrlSource::~UrlSource() = default;

Result<std::unique_ptr<UrlSource>> UrlSource::open(const std::string& url,
                                                   const UrlOptions& options) {
  auto impl = std::make_unique<Impl>();
  if (!impl->multi || !impl->easy) return fail(ErrorCode::internal, "curl initialisation failed");
  impl->url = url;
  impl->options = options;
  set_common(impl->easy, url, options);
  curl_easy_setopt(impl->easy.get(), CURLOPT_WRITEFUNCTION, &Impl::on_data);
  curl_easy_setopt(impl->easy.get(), CURLOPT_WRITEDATA, impl.get());
  curl_multi_add_handle(impl->multi, impl->easy.get());
  // Wait for the first bytes (or the end): by then the status and Content-Length are known.
  while (impl->buffered() == 0 && !impl->done) GLANCER_CHECK(impl->pump());
  if (impl->done) GLANCER_CHECK(impl->finished_ok());
  const UrlInfo info = info_of(impl->easy.get());
  std::unique_ptr<UrlSource> source(new UrlSource(std::move(impl)));
  source->m_size = info.size;
  return source;
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
