#include "glance/http_image_service.h"

#include <algorithm>
#include <map>
#include <random>
#include <set>
#include <string_view>
#include <unordered_map>

#include "core/redact.h"
#include "core/uuid.h"
#include "glance/image_json.h"
#include "glance/name_filter.h"

namespace glancer {

namespace {

const char* reason_phrase(long status) {
  switch (status) {
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 410: return "Gone";
    case 413: return "Request Entity Too Large";
    case 415: return "Unsupported Media Type";
    case 416: return "Requested Range Not Satisfiable";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    default: return "";
  }
}

std::string path_only(const std::string& path) {
  return path.substr(0, path.find('?'));
}

// Whether `image` already shows the effect of every op (JSON-pointer paths of one level, as
// glancer's patches use; "/tags" and the like compare as whole values).
bool patch_applied(const Image& image, const std::vector<PatchOp>& ops) {
  const nlohmann::json doc = image_to_json(image);
  for (const PatchOp& op : ops) {
    std::string key;  // the JSON pointer's one token, unescaped (~1 is '/', ~0 is '~')
    for (size_t i = 1; i < op.path.size(); ++i) {
      if (op.path[i] == '~' && i + 1 < op.path.size()) {
        key += op.path[i + 1] == '1' ? '/' : '~';
        ++i;
      } else {
        key += op.path[i];
      }
    }
    auto it = doc.find(key);
    if (op.op == PatchOp::Kind::remove) {
      if (it != doc.end() && !it->is_null()) return false;
    } else if (it == doc.end() || *it != op.value) {
      if (!(key == "tags" && it != doc.end() && it->is_array() && op.value.is_array() &&
            std::set<nlohmann::json>(it->begin(), it->end()) ==
                std::set<nlohmann::json>(op.value.begin(), op.value.end())))
        return false;
    }
  }
  return true;
}

}  // namespace

ErrorCode error_code_for_status(long status) {
  switch (status) {
    case 401: return ErrorCode::unauthorized;
    case 403: return ErrorCode::forbidden;
    case 404:
    case 410: return ErrorCode::not_found;
    case 409: return ErrorCode::conflict;
    case 413: return ErrorCode::quota;
    case 408:
    case 504: return ErrorCode::timeout;
    default: return status >= 500 ? ErrorCode::transport : ErrorCode::invalid_argument;
  }
}

std::string glance_error_message(const std::string& body) {
  std::string msg;
  auto j = nlohmann::json::parse(body, nullptr, false);
  if (!j.is_discarded() && j.is_object()) {
    if (j.contains("message") && j["message"].is_string())
      msg = j["message"].get<std::string>();
    else if (j.contains("error") && j["error"].is_object() && j["error"].contains("message") &&
             j["error"]["message"].is_string())
      msg = j["error"]["message"].get<std::string>();
  } else {
    msg = body.substr(0, body.find('\n'));
  }
  if (size_t br = msg.find("<br"); br != std::string::npos) msg.resize(br);
  while (!msg.empty() && std::isspace(static_cast<unsigned char>(msg.back()))) msg.pop_back();
  size_t i = 0;
  while (i < msg.size() && std::isspace(static_cast<unsigned char>(msg[i]))) ++i;
  return msg.substr(i, 500);
}

nlohmann::json create_body(const ImageCreate& r) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [k, v] : r.properties) j[k] = v;  // custom property values are strings
  if (r.id) j["id"] = *r.id;
  if (r.name) j["name"] = *r.name;
  if (r.disk_format) j["disk_format"] = *r.disk_format;
  if (r.container_format) j["container_format"] = *r.container_format;
  j["visibility"] = r.visibility;
  j["protected"] = r.protected_;
  j["os_hidden"] = r.hidden;
  j["min_disk"] = r.min_disk;
  j["min_ram"] = r.min_ram;
  j["tags"] = std::vector<std::string>(r.tags.begin(), r.tags.end());
  if (r.owner) j["owner"] = *r.owner;
  return j;
}

Result<std::unique_ptr<HttpImageService>> HttpImageService::open(const CloudConfig& cloud,
                                                                 HttpServiceOptions options) {
  CurlOptions curl;
  curl.tls = cloud.tls;
  curl.debug = options.debug;
  curl.secrets = cloud.secrets();
  auto transport = std::make_unique<CurlTransport>(std::move(curl));
  CurlTransport* raw = transport.get();
  auto auth = make_authenticator(cloud, *transport, options.retry, *options.clock);
  if (auto* ks = dynamic_cast<KeystoneAuth*>(auth.get()))
    ks->on_new_token([raw](const std::string& t) { raw->add_secret(t); });
  GLANCER_TRY(endpoint, auth->image_endpoint());
  std::string description = "cloud " + cloud.name + " (" + redact_url(endpoint) + ")";
  return std::make_unique<HttpImageService>(std::move(description), std::move(transport),
                                            std::move(auth), std::move(endpoint),
                                            std::move(options));
}

HttpImageService::HttpImageService(std::string description,
                                   std::unique_ptr<HttpTransport> transport,
                                   std::unique_ptr<Authenticator> auth, std::string endpoint,
                                   HttpServiceOptions options)
    : m_description(std::move(description)),
      m_transport(std::move(transport)),
      m_auth(std::move(auth)),
      m_endpoint(std::move(endpoint)),
      m_options(std::move(options)) {}

std::string HttpImageService::describe() const {
  return m_description;
}

Result<HttpResponse> HttpImageService::send_once(const GlanceCall& c) {
  GLANCER_TRY(token, m_auth->token());
  HttpRequest req;
  req.method = c.method;
  req.url = m_endpoint + c.path;
  req.headers = {"Accept: application/json"};
  if (!token.empty()) req.headers.push_back("X-Auth-Token: " + token);
  if (!c.content_type.empty()) req.headers.push_back("Content-Type: " + c.content_type);
  for (const auto& h : c.headers) req.headers.push_back(h);
  req.body = c.body;
  req.upload = c.upload;
  req.download = c.download;
  return m_transport->send(req);
}

Error HttpImageService::status_error(const GlanceCall& c, const HttpResponse& r) {
  std::string msg = glance_error_message(r.body);
  std::string reason = reason_phrase(r.status);
  return fail(error_code_for_status(r.status),
              c.method + " " + path_only(c.path) + ": " + std::to_string(r.status) +
                  (reason.empty() ? "" : " " + reason) + (msg.empty() ? "" : ": " + msg));
}

Result<HttpResponse> HttpImageService::call(const GlanceCall& c, int* attempts) {
  const bool streamed = c.upload != nullptr;
  bool reauthenticated = false;
  for (int attempt = 1;; ++attempt) {
    if (attempts) *attempts = attempt;
    auto sent = send_once(c);
    bool may_retry = attempt < m_options.retry.max_attempts && !streamed;
    if (!sent) {
      if (!(retryable_error(sent.error()) && c.idempotent && may_retry)) return sent.error();
    } else {
      long s = sent->status;
      if (s >= 200 && s < 300) return sent;
      if (s == 401 && !reauthenticated && !streamed) {
        reauthenticated = true;  // the token expired or was revoked: once, with a fresh one
        m_auth->invalidate();
        --attempt;
        continue;
      }
      if (!(retryable_status(s) && may_retry && (c.idempotent || s == 429)))
        return status_error(c, *sent);
    }
    wait_before_retry(attempt, c.method + " " + path_only(c.path),
                      sent ? sent->header("Retry-After") : "");
  }
}

void HttpImageService::wait_before_retry(int attempt, const std::string& what,
                                         const std::string& retry_after) {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  std::chrono::milliseconds delay = m_options.retry.delay(attempt, retry_after, rng);
  if (m_options.debug)
    m_options.debug("http: retrying " + what + " in " + std::to_string(delay.count()) +
                    " ms (attempt " + std::to_string(attempt + 1) + ")");
  m_options.retry.wait(delay);
}

namespace {
// The longest `name=` filter value of one listing request, before escaping (which may triple it).
constexpr size_t k_name_filter_chars = 1000;
}  // namespace

Status HttpImageService::each_page(const std::string& first_path, const PageHandler& each) {
  std::string path = first_path;
  std::set<std::string> seen;
  while (!path.empty() && seen.insert(path).second) {
    GLANCER_TRY(r, call({.method = "GET", .path = path}));
    GLANCER_TRY(page, parse_image_page(r.body, "GET " + path_only(path)));
    GLANCER_CHECK(each(page.images));
    // `next` is a path starting with /v2; it appears whenever a page is full (the last may be
    // empty).
    path = page.next;
  }
  return {};
}

Result<std::vector<Image>> HttpImageService::list_pages(const std::string& first_path) {
  std::vector<Image> out;
  GLANCER_CHECK(each_page(first_path, [&out](std::vector<Image>& page) -> Status {
    for (Image& im : page) out.push_back(std::move(im));
    return {};
  }));
  return out;
}

Status HttpImageService::scan(const ScanQuery& query, const PageHandler& each) {
  std::string path = "/v2/images?visibility=" + url_escape(query.visibility) +
                     "&limit=" + std::to_string(m_options.page_size);
  if (query.owner) path += "&owner=" + url_escape(*query.owner);
  if (query.hidden) path += "&os_hidden=true";
  return each_page(path, each);
}

std::string HttpImageService::caller_project() {
  return m_auth->project_id();
}

Result<std::vector<Image>> HttpImageService::list(const ListQuery& query) {
  std::string base = "/v2/images?visibility=all&limit=" + std::to_string(m_options.page_size);
  for (const auto& [k, v] : query.properties) base += "&" + url_escape(k) + "=" + url_escape(v);
  // Names go in batches whose request line stays well under the 8 KiB web servers accept.
  std::vector<std::string> bases = {base};
  if (query.names) {
    bases.clear();
    for (const std::string& value : name_filter_values(*query.names, k_name_filter_chars))
      bases.push_back(base + "&name=" + url_escape(value));
  }
  // Glance hides os_hidden images unless asked, and has no "both": list twice, merge by id
  // (the later listing's document wins).
  std::vector<std::string> paths;
  for (const std::string& b : bases) paths.push_back(b);
  for (const std::string& b : bases) paths.push_back(b + "&os_hidden=true");
  std::vector<Image> all;
  for (const std::string& path : paths) {
    GLANCER_TRY(images, list_pages(path));
    if (all.empty())
      all = std::move(images);
    else
      all.insert(all.end(), std::make_move_iterator(images.begin()),
                 std::make_move_iterator(images.end()));
  }
  // The last document of each id, ordered by (created_at, id) through indices: an Image is
  // large, and thousands of them moved through a map and a sort cost more than the parse.
  std::unordered_map<std::string_view, size_t> last;
  last.reserve(all.size());
  for (size_t i = 0; i < all.size(); ++i) last[all[i].id] = i;
  std::vector<size_t> order;
  order.reserve(last.size());
  for (size_t i = 0; i < all.size(); ++i)
    if (last[all[i].id] == i) order.push_back(i);
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return std::tie(all[a].created_at, all[a].id) < std::tie(all[b].created_at, all[b].id);
  });
  std::vector<Image> out;
  out.reserve(order.size());
  for (size_t i : order) out.push_back(std::move(all[i]));
  return out;
}

Result<Image> HttpImageService::get(const std::string& id) {
  if (id.empty()) return fail(ErrorCode::not_found, "GET /v2/images/: no image id");
  GLANCER_TRY(r, call({.method = "GET", .path = "/v2/images/" + url_escape(id)}));
  return parse_image_body(r.body, "GET /v2/images/" + id);
}

Result<Image> HttpImageService::create(const ImageCreate& request) {
  ImageCreate req = request;
  if (!req.id) req.id = new_uuid();  // a client-chosen id makes a retried POST safe
  int attempts = 0;
  auto r = call({.method = "POST",
                 .path = "/v2/images",
                 .content_type = "application/json",
                 .body = create_body(req).dump()},
                &attempts);
  if (!r && r.error().code == ErrorCode::conflict && attempts > 1) {
    // An earlier attempt may have created it and lost the response: accept the image only if
    // it is the one asked for (same glancer labels), never someone else's with the same id.
    GLANCER_TRY(existing, get(*req.id));
    for (const auto& [k, v] : req.properties)
      if (k.rfind("glancer.", 0) == 0 && k != "glancer.pending" && existing.property(k) != v)
        return r.error();
    return existing;
  }
  if (!r) return r.error();
  return parse_image_body(r->body, "POST /v2/images");
}

Result<Image> HttpImageService::update(const std::string& id, const std::vector<PatchOp>& ops) {
  nlohmann::json body = nlohmann::json::array();
  for (const PatchOp& op : ops) {
    nlohmann::json o = {{"op", patch_kind_name(op.op)}, {"path", op.path}};
    if (op.op != PatchOp::Kind::remove) o["value"] = op.value;
    body.push_back(std::move(o));
  }
  int attempts = 0;
  auto r = call({.method = "PATCH",
                 .path = "/v2/images/" + url_escape(id),
                 .content_type = "application/openstack-images-v2.1-json-patch",
                 .body = body.dump()},
                &attempts);
  if (!r && attempts > 1 && !retryable_error(r.error())) {
    // A retried PATCH can fail because an earlier attempt took effect (a removed property is
    // gone): that is success when the image already shows every op.
    auto now = get(id);
    if (now && patch_applied(*now, ops)) return *now;
  }
  if (!r) return r.error();
  return parse_image_body(r->body, "PATCH /v2/images/" + id);
}

Status HttpImageService::remove(const std::string& id) {
  int attempts = 0;
  auto r = call({.method = "DELETE", .path = "/v2/images/" + url_escape(id)}, &attempts);
  if (!r && r.error().code == ErrorCode::not_found && attempts > 1)
    return {};  // an earlier try won
  if (!r) return r.error();
  return {};
}

Status HttpImageService::action(const std::string& id, const char* name) {
  GLANCER_TRY(
      r, call({.method = "POST", .path = "/v2/images/" + url_escape(id) + "/actions/" + name}));
  (void)r;
  return {};
}

Status HttpImageService::deactivate(const std::string& id) {
  return action(id, "deactivate");
}
Status HttpImageService::reactivate(const std::string& id) {
  return action(id, "reactivate");
}

}  // namespace glancer
