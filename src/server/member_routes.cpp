// /v2/images/{id}/members[/{member}]: add (200, pending), list, show, update status, remove.
#include "glance/vocabulary.h"
#include "server/http_util.h"
#include "server/routes.h"

namespace glancer {

namespace {

constexpr const char* k_members = "/v2/images/([^/]+)/members";
constexpr const char* k_member = "/v2/images/([^/]+)/members/([^/]+)";

nlohmann::json member_json(const Member& m) {
  return {{"image_id", m.image_id},     {"member_id", m.member_id},
          {"status", m.status},         {"created_at", m.created_at},
          {"updated_at", m.updated_at}, {"schema", "/v2/schemas/member"}};
}

void add_member(ServeState& state, const httplib::Request& req, httplib::Response& res,
                const httplib::ContentReader& reader) {
  auto body = read_json_body(reader, state.options.max_json_body);
  if (!body) return send_error(res, body.error());
  auto id = image_id_of(req, res);
  if (!id) return;
  if (!body->is_object() || !body->contains("member") || !(*body)["member"].is_string() ||
      (*body)["member"].get<std::string>().empty() ||
      (*body)["member"].get<std::string>().size() > vocab::k_max_string_length)
    return send_error(res, 400, "the body must be {\"member\": \"<project id>\"}");
  auto member = state.service.add_member(*id, (*body)["member"].get<std::string>());
  if (!member) return send_error(res, member.error());
  send_json(res, 200, member_json(*member));
}

void update_member(ServeState& state, const httplib::Request& req, httplib::Response& res,
                   const httplib::ContentReader& reader) {
  auto body = read_json_body(reader, state.options.max_json_body);
  if (!body) return send_error(res, body.error());
  auto id = image_id_of(req, res);
  if (!id) return;
  if (!body->is_object() || !body->contains("status") || !(*body)["status"].is_string())
    return send_error(res, 400, "the body must be {\"status\": \"pending|accepted|rejected\"}");
  auto member =
      state.service.update_member(*id, req.matches[2].str(), (*body)["status"].get<std::string>());
  if (!member) return send_error(res, member.error());
  send_json(res, 200, member_json(*member));
}

Result<Member> find_member(ServeState& state, const std::string& id, const std::string& member) {
  GLANCER_TRY(members, state.service.list_members(id));
  for (auto& m : members)
    if (m.member_id == member) return m;
  return fail(ErrorCode::not_found, "member " + member + " not found for image " + id);
}

}  // namespace

void add_member_routes(httplib::Server& server, ServeState& state) {
  server.Get(k_members, [&](const httplib::Request& req, httplib::Response& res) {
    auto id = image_id_of(req, res);
    if (!id) return;
    auto members = state.service.list_members(*id);
    if (!members) return send_error(res, members.error());
    nlohmann::json list = nlohmann::json::array();
    for (const auto& m : *members) list.push_back(member_json(m));
    send_json(res, 200, {{"members", list}, {"schema", "/v2/schemas/members"}});
  });
  server.Post(k_members,
              [&](const httplib::Request& req, httplib::Response& res,
                  const httplib::ContentReader& reader) { add_member(state, req, res, reader); });
  server.Get(k_member, [&](const httplib::Request& req, httplib::Response& res) {
    auto id = image_id_of(req, res);
    if (!id) return;
    auto member = find_member(state, *id, req.matches[2].str());
    if (!member) return send_error(res, member.error());
    send_json(res, 200, member_json(*member));
  });
  server.Put(k_member,
             [&](const httplib::Request& req, httplib::Response& res,
                 const httplib::ContentReader& reader) { update_member(state, req, res, reader); });
  server.Delete(k_member, [&](const httplib::Request& req, httplib::Response& res) {
    auto id = image_id_of(req, res);
    if (!id) return;
    auto removed = state.service.remove_member(*id, req.matches[2].str());
    if (!removed) return send_error(res, removed.error());
    res.status = 204;
  });
}

}  // namespace glancer
