#include "server/fault_hooks.h"

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <thread>

#include "server/http_util.h"

namespace glancer {

namespace {

// The request header that carries an "after" fault from pre- to post-routing; a client's own
// header of that name is dropped first.
constexpr const char* k_fault_header = "X-Glancer-Injected-Fault";

bool has_body(const httplib::Request& req) {
  if (req.has_header("Transfer-Encoding")) return true;
  return req.has_header("Content-Length") && req.get_header_value("Content-Length") != "0";
}

void set_only_header(httplib::Response& res, const std::string& name, const std::string& value) {
  res.headers.erase(name);
  res.headers.emplace(name, value);
}

// Replaces whatever the response was with an error document. `headers_done`: post-routing,
// where cpp-httplib has already computed Content-Length.
void error_response(httplib::Response& res, FaultKind kind, uint64_t n, bool headers_done) {
  const int status = kind == FaultKind::status_500   ? 500
                     : kind == FaultKind::status_503 ? 503
                                                     : 429;
  res.content_provider_ = nullptr;
  res.content_length_ = 0;
  res.headers.erase("Content-Range");
  res.headers.erase("Location");
  send_error(res, status, "Injected fault #" + std::to_string(n) + " (glancer serve --faults).");
  if (status != 500) set_only_header(res, "Retry-After", "1");
  if (headers_done) set_only_header(res, "Content-Length", std::to_string(res.body.size()));
}

// Sends `keep` of the body's bytes (after the headers announced all of them), then fails the
// write so the server drops the connection: the client sees a reset mid-response.
void cut_response(httplib::Response& res, size_t keep_of_body, bool headers_done) {
  if (res.content_provider_) {  // a streamed download: let the first bytes through
    auto inner = std::move(res.content_provider_);
    res.content_provider_ = [inner, keep_of_body](size_t offset, size_t length,
                                                  httplib::DataSink& sink) {
      if (offset >= keep_of_body) return false;
      return inner(offset, std::min(length, keep_of_body - offset), sink);
    };
    return;
  }
  auto body = std::make_shared<std::string>(std::move(res.body));
  res.body.clear();
  if (body->empty()) {
    // No body to cut (204, an empty document): announce one so the drop is visible.
    if (res.status == 204 || res.status == 304) res.status = 200;
    *body = std::string(64, ' ');
    if (headers_done) set_only_header(res, "Content-Length", std::to_string(body->size()));
  }
  res.content_length_ = body->size();
  res.content_provider_ = [body, keep_of_body](size_t offset, size_t, httplib::DataSink& sink) {
    if (offset >= keep_of_body) return false;
    sink.write(body->data() + offset, keep_of_body - offset);
    return true;
  };
}

size_t body_length(const httplib::Response& res) {
  return res.content_provider_ ? res.content_length_ : res.body.size();
}

}  // namespace

bool fault_before_route(FaultInjector& faults, const httplib::Request& req, httplib::Response& res,
                        const std::function<void(const std::string&)>& log) {
  auto& mutable_req = const_cast<httplib::Request&>(req);
  mutable_req.headers.erase(k_fault_header);
  const FaultSpec& spec = faults.spec();
  if (spec.page > 0 && req.method == "GET" && req.path == "/v2/images") {
    size_t limit = spec.page;
    if (auto it = req.params.find("limit"); it != req.params.end())
      limit = std::min<size_t>(limit, std::strtoull(it->second.c_str(), nullptr, 10));
    mutable_req.params.erase("limit");
    mutable_req.params.emplace("limit", std::to_string(std::max<size_t>(limit, 1)));
  }
  auto fault = faults.decide(req.method, req.target);
  if (!fault) return false;
  if (log)
    log("fault #" + std::to_string(fault->sequence) + ": " + fault_kind_name(fault->kind) +
        (fault->after ? " after " : " before ") + req.method + " " + req.path);
  if (fault->after) {
    mutable_req.headers.emplace(k_fault_header, std::to_string(static_cast<int>(fault->kind)) +
                                                    ":" + std::to_string(fault->sequence));
    return false;
  }
  switch (fault->kind) {
    case FaultKind::stall: std::this_thread::sleep_for(spec.stall); return false;
    case FaultKind::reset:
      res.status = 200;
      cut_response(res, 0, false);
      break;
    default: error_response(res, fault->kind, fault->sequence, false);
  }
  // The request's body was not read: the connection cannot carry another request.
  if (has_body(req)) set_only_header(res, "Connection", "close");
  return true;
}

void fault_after_route(FaultInjector& faults, const httplib::Request& req, httplib::Response& res) {
  const std::string mark = req.get_header_value(k_fault_header);
  if (mark.empty()) return;
  const auto kind = static_cast<FaultKind>(std::stoi(mark.substr(0, mark.find(':'))));
  const uint64_t n = std::stoull(mark.substr(mark.find(':') + 1));
  switch (kind) {
    case FaultKind::stall: std::this_thread::sleep_for(faults.spec().stall); return;
    case FaultKind::reset: cut_response(res, 0, true); return;
    case FaultKind::truncate: cut_response(res, body_length(res) / 2, true); return;
    default: error_response(res, kind, n, true);
  }
}

}  // namespace glancer
