#include "cloud/http_transport.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>

#include "core/redact.h"
#include "core/url.h"
#include "net/curl_easy.h"

namespace glancer {

namespace {

struct Exchange {
  const HttpRequest* request = nullptr;
  HttpResponse response;
  CURL* curl = nullptr;
  size_t body_pos = 0;        // next byte of request->body to send
  std::optional<Error> side;  // the source's or sink's own failure
  uint64_t uploaded = 0;
};

size_t on_read(char* buf, size_t size, size_t n, void* user) {
  auto* x = static_cast<Exchange*>(user);
  size_t cap = size * n;
  if (x->request->upload) {
    auto got = x->request->upload->read(buf, cap);
    if (!got) {
      x->side = got.error();
      return CURL_READFUNC_ABORT;
    }
    x->uploaded += *got;
    return *got;
  }
  size_t left = x->request->body.size() - x->body_pos;
  size_t k = std::min(left, cap);
  std::copy_n(x->request->body.data() + x->body_pos, k, buf);
  x->body_pos += k;
  return k;
}

size_t on_write(char* data, size_t size, size_t n, void* user) {
  auto* x = static_cast<Exchange*>(user);
  size_t len = size * n;
  long status = 0;
  curl_easy_getinfo(x->curl, CURLINFO_RESPONSE_CODE, &status);
  if (x->request->download && status >= 200 && status < 300) {
    if (auto s = x->request->download->write(data, len); !s) {
      x->side = s.error();
      return 0;
    }
    return len;
  }
  x->response.body.append(data, len);
  return len;
}

size_t on_header(char* data, size_t size, size_t n, void* user) {
  auto* x = static_cast<Exchange*>(user);
  std::string line(data, size * n);
  if (line.rfind("HTTP/", 0) == 0) x->response.headers.clear();  // a new response (100, redirects)
  size_t colon = line.find(':');
  if (colon != std::string::npos) {
    std::string name = line.substr(0, colon);
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    std::string value = line.substr(colon + 1);
    auto trim = [](std::string& s) {
      while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
      size_t i = 0;
      while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
      s.erase(0, i);
    };
    trim(value);
    x->response.headers[name] = value;
  }
  return size * n;
}

}  // namespace

std::string HttpResponse::header(const std::string& name) const {
  std::string k = name;
  std::transform(k.begin(), k.end(), k.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  auto it = headers.find(k);
  return it == headers.end() ? "" : it->second;
}

std::string url_escape(const std::string& text) {
  return percent_encode(text);
}

CurlTransport::CurlTransport(CurlOptions options) : m_options(std::move(options)) {}

CurlTransport::~CurlTransport() = default;

std::unique_ptr<net::CurlEasy> CurlTransport::take_handle() {
  std::lock_guard lock(m_mutex);
  if (m_free.empty()) return std::make_unique<net::CurlEasy>();
  auto h = std::move(m_free.back());
  m_free.pop_back();
  return h;
}

void CurlTransport::give_back(std::unique_ptr<net::CurlEasy> handle) {
  std::lock_guard lock(m_mutex);
  m_free.push_back(std::move(handle));
}

void CurlTransport::add_secret(const std::string& secret) {
  std::lock_guard lock(m_mutex);
  if (!secret.empty()) m_options.secrets.push_back(secret);
}

void CurlTransport::log(const std::string& line) {
  if (!m_options.debug) return;
  std::vector<std::string> secrets;
  {
    std::lock_guard lock(m_mutex);
    secrets = m_options.secrets;
  }
  m_options.debug(redact_known(line, secrets));
}

Result<HttpResponse> CurlTransport::send(const HttpRequest& request) {
  std::unique_ptr<net::CurlEasy> handle = take_handle();
  if (!*handle) return fail(ErrorCode::internal, "curl_easy_init failed");
  struct Return {
    CurlTransport* self;
    std::unique_ptr<net::CurlEasy>& h;
    ~Return() { self->give_back(std::move(h)); }
  } give{this, handle};
  handle->reset();
  CURL* curl = handle->get();

  Exchange x;
  x.request = &request;
  x.curl = curl;
  handle->set_common(request.url,
                     net::Timeouts{m_options.connect_timeout_s, m_options.stall_timeout_s});
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_write);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &x);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &x);
  const TlsConfig& tls = m_options.tls;
  handle->set_tls(net::TlsOptions{tls.verify, tls.cacert, tls.cert, tls.key});

  struct curl_slist* headers = nullptr;
  for (const auto& h : request.headers) headers = curl_slist_append(headers, h.c_str());
  headers = curl_slist_append(headers, "Expect:");
  const bool has_body = request.upload || !request.body.empty();
  if (request.method == "GET") {
    curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
  } else if (request.method == "PUT" || (request.upload != nullptr)) {
    // A streamed body (constant memory): READFUNCTION + INFILESIZE_LARGE → Content-Length.
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, on_read);
    curl_easy_setopt(curl, CURLOPT_READDATA, &x);
    std::optional<uint64_t> size =
        request.upload ? request.upload->size() : std::optional<uint64_t>(request.body.size());
    if (size) curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(*size));
    if (request.method != "PUT")
      curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  } else if (request.method == "POST" || has_body) {
    curl_easy_setopt(curl, CURLOPT_POST, 1L);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE,
                     static_cast<curl_off_t>(request.body.size()));
    if (request.method != "POST")
      curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  } else {
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  }
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);

  if (m_options.debug && !request.body.empty()) {
    std::string shown = request.body;
    auto parsed = nlohmann::json::parse(request.body, nullptr, false);
    if (!parsed.is_discarded()) shown = redact_json(parsed).dump();
    if (shown.size() > 2000) shown = shown.substr(0, 2000) + "…";
    log("http: " + request.method + " " + redact_url(request.url) + " body " + shown);
  }
  auto t0 = std::chrono::steady_clock::now();
  CURLcode rc = curl_easy_perform(curl);
  curl_slist_free_all(headers);
  auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0)
          .count();
  const std::string what = net::describe(request.method, request.url);
  if (rc != CURLE_OK) {
    log("http: " + what + " failed after " + std::to_string(ms) + " ms: " + curl_easy_strerror(rc));
    if (x.side) return *x.side;
    return net::transfer_error(what, *handle, rc);
  }
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &x.response.status);
  std::string line = "http: " + what + " -> " + std::to_string(x.response.status) + " (" +
                     std::to_string(ms) + " ms";
  if (request.upload) line += ", " + std::to_string(x.uploaded) + " bytes sent";
  if (auto id = x.response.header("x-openstack-request-id"); !id.empty()) line += ", " + id;
  line += ")";
  if (x.response.status >= 400 && !x.response.body.empty()) {
    std::string shown = x.response.body.substr(0, 500);
    for (char& c : shown)
      if (c == '\n' || c == '\r') c = ' ';
    while (!shown.empty() && shown.back() == ' ') shown.pop_back();
    line += " " + shown;
  }
  log(line);
  return std::move(x.response);
}

}  // namespace glancer
