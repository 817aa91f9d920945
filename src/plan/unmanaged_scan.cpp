#include "plan/unmanaged_scan.h"

#include <unordered_set>

namespace glancer {

std::vector<UnmanagedListing> unmanaged_listings(const DriftOptions& o) {
  std::vector<UnmanagedListing> out;
  if (o.ignore_unmanaged) return out;
  auto both = [&out](ScanQuery q, bool skip_published) {
    out.push_back({q, skip_published});
    q.hidden = true;
    out.push_back({std::move(q), skip_published});
  };
  if (o.unmanaged_scope == UnmanagedScope::all || o.project_id.empty()) {
    both({.visibility = "all"}, false);
    return out;
  }
  const bool published = o.unmanaged_scope == UnmanagedScope::published;
  both({.visibility = "all", .owner = o.project_id}, published);
  if (published) {
    both({.visibility = "public"}, false);
    both({.visibility = "community"}, false);
  }
  return out;
}

Status scan_unmanaged(ImageService& service, const DesiredState& desired, const LiveState& live,
                      const DriftOptions& options, std::vector<DriftItem>& out) {
  // The ids already judged: live's (a few), then each finding's, so an image that moves between
  // two listings while they run (hidden, visibility) is reported once.
  std::unordered_set<std::string> judged;
  for (const Image& im : live.images) judged.insert(im.id);
  for (const UnmanagedListing& listing : unmanaged_listings(options)) {
    GLANCER_CHECK(service.scan(listing.query, [&](std::vector<Image>& page) -> Status {
      for (const Image& im : page) {
        if (listing.skip_published && (im.visibility == "public" || im.visibility == "community"))
          continue;
        if (judged.count(im.id)) continue;
        if (auto item = unmanaged_item(im, desired, options)) {
          judged.insert(im.id);
          out.push_back(std::move(*item));
        }
      }
      return {};
    }));
  }
  return {};
}

}  // namespace glancer
