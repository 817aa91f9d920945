#pragma once
/// HttpImageService: the ImageService seam over a real Glance v2 endpoint (or `glancer serve`),
/// with Keystone v3 auth, full paging, streaming upload/download, retries and redacted logging.

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "cloud/cloud_config.h"
#include "cloud/http_transport.h"
#include "cloud/keystone.h"
#include "core/clock.h"
#include "core/retry.h"
#include "glance/image_service.h"

namespace glancer {

/// Settings of an HttpImageService.
struct HttpServiceOptions {
  RetryPolicy retry;
  LogFn debug;  ///< every request at debug level (redacted); null = quiet
  /// Listing page size (Glance caps it at 1000).
  int page_size = 1000;
  /// Deadlines (an import's time limit) and token expiry are read from this clock.
  const Clock* clock = &system_clock();
};

/// One Glance request as HttpImageService::call sees it; path is relative to the endpoint.
struct GlanceCall {
  std::string method = "GET";
  std::string path;  ///< "/v2/images/ID"
  std::string content_type;
  std::string body;
  ByteSource* upload = nullptr;
  ByteSink* download = nullptr;
  std::vector<std::string> headers;
  /// Whether sending it twice is harmless; only such calls are retried (429 always is: the
  /// service refused it without acting). Streamed uploads are never retried here (see upload).
  bool idempotent = true;
};

/// Glance v2 over HTTP. Thread-safe. Error messages name the request and carry Glance's own
/// message: "PATCH /v2/images/ID: 409 Conflict: …".
/// Retries (RetryPolicy) cover every request whose repetition is harmless: GET, PUT, DELETE
/// (a 404 after a retry means an earlier attempt won), actions, POST of an image with a
/// client-chosen id (a 409 after a retry returns the image if it carries the same glancer
/// labels), PATCH (a failure after a retry is accepted if the image already shows every op) and
/// uploads whose source can be rewound while the image is still queued.
class HttpImageService : public ImageService {
 public:
  /// Authenticates (so bad credentials fail here, once) and resolves the image endpoint.
  static Result<std::unique_ptr<HttpImageService>> open(const CloudConfig& cloud,
                                                        HttpServiceOptions options = {});
  /// For tests: an explicit transport and authenticator (both owned).
  HttpImageService(std::string description, std::unique_ptr<HttpTransport> transport,
                   std::unique_ptr<Authenticator> auth, std::string endpoint,
                   HttpServiceOptions options);

  /// "cloud demo (http://127.0.0.1:PORT)".
  std::string describe() const override;
  /// The unversioned endpoint, e.g. "http://h/image".
  const std::string& endpoint() const { return m_endpoint; }

  /// visibility=all pages merged with os_hidden=true pages, by created_at then id.
  Result<std::vector<Image>> list(const ListQuery& query) override;
  /// Follows `next` from GET /v2/images?visibility=…&limit=…[&owner=…][&os_hidden=true].
  Status scan(const ScanQuery& query, const PageHandler& each) override;
  /// The authenticator's project (Keystone's token scope, or auth.project_id without Keystone).
  std::string caller_project() override;
  Result<Image> get(const std::string& id) override;
  /// POST with a client-chosen id (generated if absent): a retry that meets 409 returns the
  /// existing image when its glancer.set/glancer.key labels are the request's, else conflict.
  Result<Image> create(const ImageCreate& request) override;
  /// One PATCH with application/openstack-images-v2.1-json-patch; retried, and a failure after
  /// a retry (e.g. removing a property an earlier attempt removed) is success if the image
  /// already shows the result of every op.
  Result<Image> update(const std::string& id, const std::vector<PatchOp>& ops) override;
  /// PUT …/file, application/octet-stream, Content-Length = data.size() (chunked if unknown);
  /// io if the source delivers a different byte count than it declared. On a transient failure
  /// the image is fetched: active with the sent size = done (the response was lost); queued =
  /// sent again from the start if `data` can rewind; anything else fails naming the status.
  Result<Image> upload(const std::string& id, ByteSource& data) override;
  Status download(const std::string& id, ByteSink& sink,
                  std::optional<ByteRange> range = std::nullopt) override;
  Result<Image> web_download(const std::string& id, const std::string& url,
                             std::chrono::seconds limit) override;
  Status remove(const std::string& id) override;
  Status deactivate(const std::string& id) override;
  Status reactivate(const std::string& id) override;
  Status add_tag(const std::string& id, const std::string& tag) override;
  Status remove_tag(const std::string& id, const std::string& tag) override;
  Result<std::vector<Member>> list_members(const std::string& id) override;
  Result<Member> add_member(const std::string& id, const std::string& member) override;
  Result<Member> update_member(const std::string& id, const std::string& member,
                               const std::string& status) override;
  Status remove_member(const std::string& id, const std::string& member) override;

  // Interoperable image import (not part of the ImageService seam).
  /// The import methods the service enables (GET /v2/info/import).
  Result<std::vector<std::string>> import_methods();
  /// glance-direct step 1: PUT …/stage (queued → uploading).
  Status stage(const std::string& id, ByteSource& data);
  /// POST …/import with method "glance-direct" or "web-download" (with `uri`).
  Status start_import(const std::string& id, const std::string& method,
                      const std::string& uri = "");
  /// Polls the image until it is active and Glance's import task has dropped its lock
  /// (os_glance_import_task; until then the task's own saves purge properties set meanwhile);
  /// conflict with Glance's os_glance_failed_import reason when the import fails, timeout
  /// after `limit`.
  Result<Image> wait_for_import(const std::string& id, std::chrono::seconds limit,
                                std::chrono::milliseconds poll = std::chrono::milliseconds(500));

  /// Sends one call with auth, retries and error mapping (a non-2xx status becomes an Error).
  /// `attempts` receives how many attempts were made.
  Result<HttpResponse> call(const GlanceCall& c, int* attempts = nullptr);

 private:
  /// Every page from `first_path` on, following `next`, each handed to `each` as it arrives.
  Status each_page(const std::string& first_path, const PageHandler& each);
  Result<std::vector<Image>> list_pages(const std::string& first_path);
  /// One attempt of a call (auth header included), no retry and no status mapping.
  Result<HttpResponse> send_once(const GlanceCall& c);
  /// "PATCH /v2/images/ID: 409 Conflict: <Glance's message>".
  static Error status_error(const GlanceCall& c, const HttpResponse& r);
  void wait_before_retry(int attempt, const std::string& what, const std::string& retry_after);
  Status action(const std::string& id, const char* name);
  Result<Image> patch_tags(const std::string& id, const std::string& tag, bool add);

  std::string m_description;
  std::unique_ptr<HttpTransport> m_transport;
  std::unique_ptr<Authenticator> m_auth;
  std::string m_endpoint;
  HttpServiceOptions m_options;
};

/// Maps an HTTP status to an ErrorCode (404/410 not_found, 409 conflict, 403 forbidden,
/// 401 unauthorized, 413 quota, 408/504 timeout, 5xx transport, other 4xx invalid_argument).
ErrorCode error_code_for_status(long status);
/// Glance's error message from a response body (JSON `message` without its "<br />" tail,
/// else the text's first line), "" if none.
std::string glance_error_message(const std::string& body);
/// The JSON body of POST /v2/images for `request` (id must be set).
nlohmann::json create_body(const ImageCreate& request);
/// A Member from Glance's member JSON; transport error "WHAT: the response is not an image
/// member" for anything but an object whose fields are strings. Never throws.
Result<Member> member_from_json(const nlohmann::json& j, const std::string& what);

}  // namespace glancer
