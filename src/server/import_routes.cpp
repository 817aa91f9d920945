// The interoperable import: /v2/info/import, /v2/info/stores, POST /v2/images/{id}/import with
// glance-direct (data staged by PUT …/stage) or web-download (fetched through the UrlOpener the
// server was given). Imports run in the background, like Glance's tasks: the POST answers 202
// at once.
#include <algorithm>
#include <filesystem>

#include "core/uuid.h"
#include "server/body_stream.h"
#include "server/http_util.h"
#include "server/routes.h"
#include "server/schemas.h"

namespace glancer {

namespace {

// The streamed fetch the command line wires in (glancer's own URL sources): one chunk in
// memory, stopped with the server.
Result<Image> web_download(ServeState& state, const std::string& id, const std::string& uri) {
  UrlFetchLimits limits;
  limits.cancel = &state.stopping;
  auto source = state.options.open_url(uri, limits);
  if (!source)
    return Error{source.error().code, "web-download failed: " + source.error().message, {}};
  return state.service.upload(id, **source);
}

Result<Image> glance_direct(ServeState& state, const std::string& id) {
  const auto path = state.staging.path_for(id);
  auto source = CancellableFileSource::open(path, state.stopping);
  Result<Image> image = source ? state.service.upload(id, **source) : Result<Image>(source.error());
  std::error_code ec;
  std::filesystem::remove(path, ec);
  return image;
}

void run_import(ServeState& state, const std::string& id, const std::string& method,
                const std::string& uri, const std::string& task_id) {
  auto image = method == "web-download" ? web_download(state, id, uri) : glance_direct(state, id);
  state.staging.transition(id, "importing", std::nullopt);
  state.tasks.finish(task_id, image.ok(), image ? "" : image.error().message);
  if (!image && state.options.log)
    state.options.log("import of image " + id + " (" + method +
                      ") failed: " + image.error().message);
}

void start_import(ServeState& state, const httplib::Request& req, httplib::Response& res,
                  const httplib::ContentReader& reader) {
  auto body = read_json_body(reader, state.options.max_json_body);
  if (!body) return send_error(res, body.error());
  auto id = image_id_of(req, res);
  if (!id) return;
  if (!body->is_object() || !body->contains("method") || !(*body)["method"].is_object() ||
      !(*body)["method"].contains("name") || !(*body)["method"]["name"].is_string())
    return send_error(res, 400, "the body must be {\"method\": {\"name\": …}}");
  const auto& m = (*body)["method"];
  const std::string method = m["name"].get<std::string>();
  std::string uri = m.contains("uri") && m["uri"].is_string() ? m["uri"].get<std::string>() : "";
  const auto offered = import_methods(state.options);
  if (std::find(offered.begin(), offered.end(), method) == offered.end())
    return send_error(res, 400, "Import method " + method + " is not supported by this server");
  auto image = state.service.get(*id);
  if (!image) return send_error(res, image.error());
  if (auto allowed = state.access.check_modify(*id); !allowed)
    return send_error(res, allowed.error());
  if (!image->disk_format || !image->container_format)
    return send_error(res, 400, "disk_format and container_format must be set before importing");
  if (image->status != "queued")
    return send_error(
        res, 409, "Image status transition from " + image->status + " to importing is not allowed");
  if (method == "web-download") {
    if (uri.rfind("http://", 0) != 0 && uri.rfind("https://", 0) != 0)
      return send_error(res, 400, "web-download needs an http or https 'uri'");
    if (!state.staging.transition(*id, std::nullopt, "importing"))
      return send_error(res, 409, "Image " + *id + " is not queued");
  } else if (!state.staging.transition(*id, "uploading", "importing")) {
    return send_error(
        res, 409, "Image " + *id + " has no staged data (PUT /v2/images/" + *id + "/stage first)");
  }
  ImportTask task;
  task.id = new_uuid();
  task.image_id = *id;
  task.request_id = res.get_header_value("X-Openstack-Request-Id");
  task.owner = current_caller().project;
  task.input = {{"image_id", *id}, {"import_req", *body}, {"backend", nullptr}};
  state.tasks.add(task);
  // The import runs as the caller who asked for it.
  state.jobs.start([&state, id = *id, method, uri, task_id = task.id, caller = current_caller()] {
    set_current_caller(caller);
    run_import(state, id, method, uri, task_id);
  });
  res.status = 202;
}

}  // namespace

void add_import_routes(httplib::Server& server, ServeState& state) {
  server.Get("/v2/info/import", [&](const httplib::Request&, httplib::Response& res) {
    nlohmann::json info = import_info_document();
    info["import-methods"]["value"] = import_methods(state.options);
    send_json(res, 200, info);
  });
  server.Get("/v2/images/([^/]+)/tasks", [&](const httplib::Request& req, httplib::Response& res) {
    auto id = image_id_of(req, res);
    if (!id) return;
    if (auto image = state.service.get(*id); !image) return send_error(res, image.error());
    nlohmann::json tasks = nlohmann::json::array();
    for (const auto& task : state.tasks.of_image(*id)) tasks.push_back(task_to_json(task));
    send_json(res, 200, {{"tasks", tasks}});
  });
  server.Get("/v2/info/stores", [](const httplib::Request&, httplib::Response& res) {
    send_error(res, 404, "Multi backend is not supported at this deployment.");
  });
  server.Post("/v2/images/([^/]+)/import",
              [&](const httplib::Request& req, httplib::Response& res,
                  const httplib::ContentReader& reader) { start_import(state, req, res, reader); });
}

void add_document_routes(httplib::Server& server) {
  server.Get("/v2/schemas/([a-z]+)", [](const httplib::Request& req, httplib::Response& res) {
    auto schema = schema_document(req.matches[1].str());
    if (!schema) return send_error(res, 404, "The resource could not be found.");
    send_json(res, 200, *schema);
  });
  server.Get("/v2/schemas/metadefs/([a-z_]+)",
             [](const httplib::Request& req, httplib::Response& res) {
               auto schema = metadef_schema_document(req.matches[1].str());
               if (!schema) return send_error(res, 404, "The resource could not be found.");
               send_json(res, 200, *schema);
             });
  server.Get("/versions", [](const httplib::Request& req, httplib::Response& res) {
    send_json(res, 200, versions_document(base_url(req)));
  });
}

}  // namespace glancer
