#include "net/curl_easy.h"

#include <utility>

#include "core/redact.h"

namespace glancer::net {

namespace {

// curl_global_init is not thread-safe: run it once, before any handle exists.
void init_curl_once() {
  static const bool initialised = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
  (void)initialised;
}

}  // namespace

CurlEasy::CurlEasy() : m_errbuf(new char[CURL_ERROR_SIZE]) {
  init_curl_once();
  m_errbuf[0] = '\0';
  m_handle = curl_easy_init();
}

CurlEasy::~CurlEasy() {
  if (m_handle) curl_easy_cleanup(m_handle);
}

CurlEasy::CurlEasy(CurlEasy&& other) noexcept
    : m_handle(std::exchange(other.m_handle, nullptr)), m_errbuf(std::move(other.m_errbuf)) {}

CurlEasy& CurlEasy::operator=(CurlEasy&& other) noexcept {
  if (this != &other) {
    if (m_handle) curl_easy_cleanup(m_handle);
    m_handle = std::exchange(other.m_handle, nullptr);
    m_errbuf = std::move(other.m_errbuf);
  }
  return *this;
}

void CurlEasy::reset() {
  curl_easy_reset(m_handle);
}

void CurlEasy::set_common(const std::string& url, const Timeouts& timeouts) {
  curl_easy_setopt(m_handle, CURLOPT_URL, url.c_str());
  curl_easy_setopt(m_handle, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(m_handle, CURLOPT_CONNECTTIMEOUT, timeouts.connect_s);
  curl_easy_setopt(m_handle, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt(m_handle, CURLOPT_LOW_SPEED_TIME, timeouts.stall_s);
  curl_easy_setopt(m_handle, CURLOPT_ERRORBUFFER, m_errbuf.get());
  m_errbuf[0] = '\0';
}

void CurlEasy::set_tls(const TlsOptions& tls) {
  curl_easy_setopt(m_handle, CURLOPT_SSL_VERIFYPEER, tls.verify ? 1L : 0L);
  curl_easy_setopt(m_handle, CURLOPT_SSL_VERIFYHOST, tls.verify ? 2L : 0L);
  if (!tls.cacert.empty()) curl_easy_setopt(m_handle, CURLOPT_CAINFO, tls.cacert.c_str());
  if (!tls.cert.empty()) curl_easy_setopt(m_handle, CURLOPT_SSLCERT, tls.cert.c_str());
  if (!tls.key.empty()) curl_easy_setopt(m_handle, CURLOPT_SSLKEY, tls.key.c_str());
}

long CurlEasy::response_code() const {
  long code = 0;
  curl_easy_getinfo(m_handle, CURLINFO_RESPONSE_CODE, &code);
  return code;
}

std::string CurlEasy::error_detail(CURLcode rc) const {
  return m_errbuf && m_errbuf[0] ? std::string(m_errbuf.get()) : curl_easy_strerror(rc);
}

std::string describe(std::string_view method, std::string_view url) {
  return std::string(method) + " " + redact_url(url);
}

Error transfer_error(const std::string& what, const CurlEasy& handle, CURLcode rc) {
  return Error{rc == CURLE_OPERATION_TIMEDOUT ? ErrorCode::timeout : ErrorCode::transport,
               what + ": " + handle.error_detail(rc),
               {}};
}

Error status_error(const std::string& what, long status) {
  return Error{status == 404 ? ErrorCode::not_found : ErrorCode::transport,
               what + ": the server answered HTTP " + std::to_string(status),
               {}};
}

}  // namespace glancer::net
