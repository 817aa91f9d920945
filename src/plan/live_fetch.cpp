#include "plan/live_fetch.h"

#include "plan/labels.h"

namespace glancer {

Result<LiveState> fetch_live(ImageService& service, const DesiredState& desired) {
  return fetch_live(service, desired, service.list({}));
}

Result<LiveState> fetch_live(ImageService& service, const DesiredState& desired,
                             Result<std::vector<Image>> listed) {
  LiveState live;
  GLANCER_TRY(images, std::move(listed));
  live.images = std::move(images);
  // Members are not part of an image document: fetch them for the managed shared images only.
  for (const Image& im : live.images) {
    auto set = im.property(labels::k_set);
    if (im.visibility != "shared" || !set || !desired.has_set(*set)) continue;
    GLANCER_TRY(members, service.list_members(im.id));
    live.members[im.id] = std::move(members);
  }
  return live;
}

}  // namespace glancer
