#include "glance/image_service.h"

namespace glancer {

MemberStatuses member_statuses_of(ImageService& service) {
  return [&service](const std::string& id) {
    std::vector<std::string> out;
    if (auto members = service.list_members(id))
      for (const auto& m : *members) out.push_back(m.status);
    return out;
  };
}

Result<ListPage> ImageService::list_page(const ListRequest& request) {
  GLANCER_TRY(all, list({request.properties}));
  return apply_list_request(request, std::move(all), member_statuses_of(*this));
}

Status ImageService::scan(const ScanQuery& query, const PageHandler& each) {
  ListRequest request;
  request.limit = k_max_page_size;
  request.sort = {{"created_at", false}, {"id", false}};
  request.visibility = query.visibility;
  request.hidden = query.hidden;
  if (query.owner) request.one_of["owner"] = {*query.owner};
  for (;;) {
    GLANCER_TRY(page, list_page(request));
    GLANCER_CHECK(each(page.images));
    if (!page.next_marker) return {};
    request.marker = std::move(page.next_marker);
  }
}

Result<Image> ImageService::set_owner(const std::string& id, const std::string&) {
  return fail(ErrorCode::forbidden, "this image service does not change the owner of image " + id);
}

}  // namespace glancer
