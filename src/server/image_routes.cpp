// GET/POST /v2/images, GET/PATCH/DELETE /v2/images/{id}, tags, deactivate/reactivate.
#include <algorithm>
#include <filesystem>

#include "server/http_util.h"
#include "server/query.h"
#include "server/routes.h"

namespace glancer {

namespace {

bool uses_status(const ListRequest& request) {
  return request.one_of.count("status") ||
         std::any_of(request.sort.begin(), request.sort.end(),
                     [](const SortKey& k) { return k.key == "status"; });
}

// The service answers the page (the store in SQL, reading only the page's rows). Only a
// request that filters or sorts on status while an import is under way is answered here, in
// memory: the API shows such queued images as "uploading"/"importing", which the store does
// not know.
Result<ListPage> list_page(ServeState& state, const ListRequest& request) {
  if (uses_status(request) && state.staging.busy() && !state.access.filters_listing()) {
    GLANCER_TRY(images, state.service.list({request.properties}));
    for (auto& image : images) state.staging.overlay(image);
    return apply_list_request(request, std::move(images), member_statuses_of(state.service));
  }
  GLANCER_TRY(page, state.service.list_page(request));
  for (auto& image : page.images) state.staging.overlay(image);
  return page;
}

constexpr const char* k_id = "/v2/images/([^/]+)";
constexpr const char* k_patch_type = "application/openstack-images-v2.1-json-patch";
constexpr const char* k_patch_type_v20 = "application/openstack-images-v2.0-json-patch";

void list_images(ServeState& state, const httplib::Request& req, httplib::Response& res) {
  auto request = parse_list_request(query_params(req));
  if (!request) return send_error(res, request.error());
  auto page = list_page(state, *request);
  if (!page) return send_error(res, page.error());
  nlohmann::json images = nlohmann::json::array();
  for (auto& image : page->images) images.push_back(image_to_json(image));
  nlohmann::json body = {{"images", std::move(images)},
                         {"first", list_link(*request, std::nullopt)},
                         {"schema", "/v2/schemas/images"}};
  if (page->next_marker) body["next"] = list_link(*request, page->next_marker);
  send_json(res, 200, body);
}

void create_image(ServeState& state, const httplib::Request& req, httplib::Response& res,
                  const httplib::ContentReader& reader) {
  auto body = read_json_body(reader, state.options.max_json_body);
  if (!body) return send_error(res, body.error());
  auto create = parse_image_create(*body);
  if (!create) return send_error(res, create.error());
  auto image = state.service.create(*create);
  if (!image) return send_error(res, image.error());
  res.set_header("Location", base_url(req) + "/v2/images/" + image->id);
  std::string methods;
  for (const auto& m : import_methods(state.options)) methods += (methods.empty() ? "" : ",") + m;
  res.set_header("OpenStack-image-import-methods", methods);
  send_json(res, 201, present_image(state, *image));
}

void patch_image(ServeState& state, const httplib::Request& req, httplib::Response& res,
                 const httplib::ContentReader& reader) {
  auto id = image_id_of(req, res);
  if (!id) return;
  const std::string type = media_type(req.get_header_value("Content-Type"));
  if (type != k_patch_type && type != k_patch_type_v20) {
    (void)read_body(reader, state.options.max_json_body);
    res.set_header("Accept-Patch", std::string(k_patch_type) + ", " + k_patch_type_v20);
    return send_error(res, 415,
                      "The request media type is not supported: use " + std::string(k_patch_type));
  }
  auto body = read_json_body(reader, state.options.max_json_body);
  if (!body) return send_error(res, body.error());
  auto ops = type == k_patch_type ? parse_patch(*body) : parse_patch_v20(*body);
  if (!ops) return send_error(res, ops.error());
  auto image = state.service.update(*id, *ops);
  if (!image) return send_error(res, image.error());
  send_json(res, 200, present_image(state, *image));
}

void delete_image(ServeState& state, const httplib::Request& req, httplib::Response& res) {
  auto id = image_id_of(req, res);
  if (!id) return;
  if (auto done = state.service.remove(*id); !done) return send_error(res, done.error());
  if (state.staging.phase(*id) == "uploading") {
    std::error_code ec;
    std::filesystem::remove(state.staging.path_for(*id), ec);
    state.staging.transition(*id, "uploading", std::nullopt);
  }
  res.status = 204;
}

void reply_status(httplib::Response& res, const Status& status) {
  if (!status) return send_error(res, status.error());
  res.status = 204;
}

}  // namespace

nlohmann::json present_image(const ServeState& state, Image image) {
  state.staging.overlay(image);
  return image_to_json(image);
}

void add_image_routes(httplib::Server& server, ServeState& state) {
  server.Get("/v2/images", [&](const httplib::Request& req, httplib::Response& res) {
    list_images(state, req, res);
  });
  server.Post("/v2/images",
              [&](const httplib::Request& req, httplib::Response& res,
                  const httplib::ContentReader& reader) { create_image(state, req, res, reader); });
  server.Get(k_id, [&](const httplib::Request& req, httplib::Response& res) {
    auto id = image_id_of(req, res);
    if (!id) return;
    auto image = state.service.get(*id);
    if (!image) return send_error(res, image.error());
    send_json(res, 200, present_image(state, *image));
  });
  server.Patch(k_id,
               [&](const httplib::Request& req, httplib::Response& res,
                   const httplib::ContentReader& reader) { patch_image(state, req, res, reader); });
  server.Delete(k_id, [&](const httplib::Request& req, httplib::Response& res) {
    delete_image(state, req, res);
  });
  server.Put("/v2/images/([^/]+)/tags/(.+)",
             [&](const httplib::Request& req, httplib::Response& res,
                 const httplib::ContentReader& reader) {
               if (auto none = expect_no_body(reader); !none) return send_error(res, none.error());
               auto id = image_id_of(req, res);
               if (!id) return;
               reply_status(res, state.service.add_tag(*id, req.matches[2].str()));
             });
  server.Delete("/v2/images/([^/]+)/tags/(.+)",
                [&](const httplib::Request& req, httplib::Response& res) {
                  auto id = image_id_of(req, res);
                  if (!id) return;
                  reply_status(res, state.service.remove_tag(*id, req.matches[2].str()));
                });
  server.Post("/v2/images/([^/]+)/actions/([a-z]+)",
              [&](const httplib::Request& req, httplib::Response& res,
                  const httplib::ContentReader& reader) {
                if (auto none = expect_no_body(reader); !none) return send_error(res, none.error());
                auto id = image_id_of(req, res);
                if (!id) return;
                const std::string action = req.matches[2].str();
                if (action == "deactivate") return reply_status(res, state.service.deactivate(*id));
                if (action == "reactivate") return reply_status(res, state.service.reactivate(*id));
                send_error(res, 404, "The resource could not be found.");
              });
}

}  // namespace glancer
