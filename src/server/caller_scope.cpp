#include "server/caller_scope.h"

#include <algorithm>

namespace glancer {

namespace {

thread_local Caller t_caller;

bool unrestricted(const Caller& c) {
  return !c.identified || c.admin;
}

bool owns(const Caller& c, const Image& image) {
  return !c.project.empty() && image.owner == c.project;
}

Error not_visible(const std::string& id) {
  return fail(ErrorCode::not_found, "No image found with ID " + id);
}

}  // namespace

const Caller& current_caller() {
  return t_caller;
}

void set_current_caller(Caller caller) {
  t_caller = std::move(caller);
}

bool CallerScopedService::filters_listing() const {
  return !unrestricted(t_caller);
}

std::string CallerScopedService::membership(const std::string& id) {
  auto members = m_inner.list_members(id);
  if (!members) return "";
  for (const auto& m : *members)
    if (m.member_id == t_caller.project) return m.status;
  return "";
}

Result<Image> CallerScopedService::visible(const std::string& id) {
  GLANCER_TRY(image, m_inner.get(id));
  const Caller& c = t_caller;
  if (unrestricted(c) || owns(c, image) || image.visibility == "public" ||
      image.visibility == "community")
    return image;
  if (image.visibility == "shared" && !c.project.empty() && !membership(id).empty()) return image;
  return not_visible(id);
}

Status CallerScopedService::check_modify(const std::string& id) {
  GLANCER_TRY(image, visible(id));
  const Caller& c = t_caller;
  if (!c.identified) return {};
  if (!c.writer) return fail(ErrorCode::forbidden, "A reader may not modify image " + id);
  if (c.admin || owns(c, image)) return {};
  return fail(ErrorCode::forbidden, "You are not permitted to modify image " + id);
}

Result<std::vector<Image>> CallerScopedService::listable(const ListRequest& request) {
  const std::string wanted = request.member_status.value_or("accepted");
  const bool community = request.visibility == "community" || request.visibility == "all";
  GLANCER_TRY(all, m_inner.list({request.properties}));
  std::vector<Image> out;
  for (auto& image : all) {
    bool shown = owns(t_caller, image) || image.visibility == "public" ||
                 (image.visibility == "community" && community);
    if (!shown && image.visibility == "shared" && !t_caller.project.empty()) {
      const std::string status = membership(image.id);
      shown = !status.empty() && (wanted == "all" || status == wanted);
    }
    if (shown) out.push_back(std::move(image));
  }
  return out;
}

Result<std::vector<Image>> CallerScopedService::list(const ListQuery& query) {
  if (unrestricted(t_caller)) return m_inner.list(query);
  ListRequest request;
  request.properties = query.properties;
  request.visibility = "all";
  return listable(request);
}

Result<ListPage> CallerScopedService::list_page(const ListRequest& request) {
  if (unrestricted(t_caller)) return m_inner.list_page(request);
  GLANCER_TRY(images, listable(request));
  if (m_overlay)
    for (auto& image : images) m_overlay(image);
  // The caller's rules chose the images (member status and community included); the
  // request's own filters apply to those.
  ListRequest filters = request;
  filters.member_status.reset();
  if (!filters.visibility) filters.visibility = "all";
  return apply_list_request(filters, std::move(images));
}

Result<Image> CallerScopedService::get(const std::string& id) {
  return visible(id);
}

Result<Image> CallerScopedService::create(const ImageCreate& request) {
  const Caller& c = t_caller;
  if (!c.identified) {
    if (request.owner) return fail(ErrorCode::forbidden, "Attribute 'owner' is read-only.");
    return m_inner.create(request);
  }
  if (!c.writer) return fail(ErrorCode::forbidden, "A reader may not create images");
  ImageCreate owned = request;
  if (!request.owner) {
    if (c.project.empty())
      return fail(ErrorCode::forbidden, "A token without a project may not create images");
    owned.owner = c.project;
  } else if (!c.admin && *request.owner != c.project) {
    return fail(ErrorCode::forbidden,
                "You are not permitted to create images owned by '" + *request.owner + "'.");
  }
  return m_inner.create(owned);
}

Result<Image> CallerScopedService::update(const std::string& id, const std::vector<PatchOp>& ops) {
  GLANCER_CHECK(check_modify(id));
  auto is_owner_op = [](const PatchOp& op) { return op.path == "/owner"; };
  const auto owner_op = std::find_if(ops.begin(), ops.end(), is_owner_op);
  if (owner_op == ops.end() || !t_caller.identified) return m_inner.update(id, ops);
  if (!t_caller.admin)
    return fail(ErrorCode::forbidden, "Attribute 'owner' can only be changed by an admin");
  if (owner_op->op == PatchOp::Kind::remove || !owner_op->value.is_string())
    return fail(ErrorCode::invalid_argument, "owner must be a project id");
  std::vector<PatchOp> rest;
  std::copy_if(ops.begin(), ops.end(), std::back_inserter(rest),
               [&](const PatchOp& op) { return !is_owner_op(op); });
  if (!rest.empty()) GLANCER_CHECK(m_inner.update(id, rest));
  return m_inner.set_owner(id, owner_op->value.get<std::string>());
}

Result<Image> CallerScopedService::set_owner(const std::string& id, const std::string& owner) {
  GLANCER_CHECK(check_modify(id));
  if (!t_caller.admin)
    return fail(ErrorCode::forbidden, "Attribute 'owner' can only be changed by an admin");
  return m_inner.set_owner(id, owner);
}

Result<Image> CallerScopedService::upload(const std::string& id, ByteSource& data) {
  GLANCER_CHECK(check_modify(id));
  return m_inner.upload(id, data);
}

Status CallerScopedService::download(const std::string& id, ByteSink& sink,
                                     std::optional<ByteRange> range) {
  GLANCER_CHECK(visible(id));
  return m_inner.download(id, sink, range);
}

Result<Image> CallerScopedService::web_download(const std::string& id, const std::string& url,
                                                std::chrono::seconds limit) {
  GLANCER_CHECK(check_modify(id));
  return m_inner.web_download(id, url, limit);
}

Status CallerScopedService::remove(const std::string& id) {
  GLANCER_CHECK(check_modify(id));
  return m_inner.remove(id);
}

Status CallerScopedService::deactivate(const std::string& id) {
  GLANCER_CHECK(check_modify(id));
  return m_inner.deactivate(id);
}

Status CallerScopedService::reactivate(const std::string& id) {
  GLANCER_CHECK(check_modify(id));
  return m_inner.reactivate(id);
}

Status CallerScopedService::add_tag(const std::string& id, const std::string& tag) {
  GLANCER_CHECK(check_modify(id));
  return m_inner.add_tag(id, tag);
}

Status CallerScopedService::remove_tag(const std::string& id, const std::string& tag) {
  GLANCER_CHECK(check_modify(id));
  return m_inner.remove_tag(id, tag);
}

Result<std::vector<Member>> CallerScopedService::list_members(const std::string& id) {
  GLANCER_TRY(image, visible(id));
  GLANCER_TRY(members, m_inner.list_members(id));
  if (unrestricted(t_caller) || owns(t_caller, image)) return members;
  // A member sees its own membership only.
  std::erase_if(members, [](const Member& m) { return m.member_id != t_caller.project; });
  return members;
}

Result<Member> CallerScopedService::add_member(const std::string& id, const std::string& member) {
  GLANCER_CHECK(check_modify(id));
  return m_inner.add_member(id, member);
}

Result<Member> CallerScopedService::update_member(const std::string& id, const std::string& member,
                                                  const std::string& status) {
  GLANCER_CHECK(visible(id));
  const Caller& c = t_caller;
  if (c.identified && (!c.writer || member != c.project))
    return fail(ErrorCode::forbidden,
                "Only the member itself may set the status of its membership of image " + id);
  return m_inner.update_member(id, member, status);
}

Status CallerScopedService::remove_member(const std::string& id, const std::string& member) {
  GLANCER_CHECK(check_modify(id));
  return m_inner.remove_member(id, member);
}

}  // namespace glancer
