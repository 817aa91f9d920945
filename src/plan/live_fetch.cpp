#include "plan/live_fetch.h"

#include <algorithm>
#include <atomic>
#include <future>
#include <optional>
#include <set>
#include <tuple>
#include <unordered_set>

#include "plan/change.h"
#include "plan/labels.h"

namespace glancer {

namespace {

constexpr size_t k_listing_threads = 4;

void sort_by_creation(std::vector<Image>& images) {
  std::sort(images.begin(), images.end(), [](const Image& a, const Image& b) {
    return std::tie(a.created_at, a.id) < std::tie(b.created_at, b.id);
  });
}

// Members are not part of an image document: fetched for the managed shared images only.
Status fetch_members(ImageService& service, const std::vector<std::string>& sets, LiveState& live) {
  const std::set<std::string> managed(sets.begin(), sets.end());
  for (const Image& im : live.images) {
    auto set = im.property(labels::k_set);
    if (im.visibility != "shared" || !set || !managed.count(*set)) continue;
    GLANCER_TRY(members, service.list_members(im.id));
    live.members[im.id] = std::move(members);
  }
  return {};
}

}  // namespace

LiveScope live_scope(const DesiredState& desired) {
  LiveScope scope;
  for (const ImageSetInfo& s : desired.sets)
    if (std::find(scope.sets.begin(), scope.sets.end(), s.name) == scope.sets.end())
      scope.sets.push_back(s.name);
  for (const DesiredImage& d : desired.images) {
    if (d.visibility == "public") scope.public_names.push_back(d.name);
    if (d.rotation) scope.rotated.emplace(image_ref(d.set, d.key), d);
  }
  return scope;
}

Result<std::vector<Image>> list_sets(ImageService& service, const std::vector<std::string>& sets) {
  // Up to k_listing_threads sets at a time: each listing mostly waits on the service, and a
  // service answers several connections at once (ImageService is thread-safe).
  std::vector<std::optional<Result<std::vector<Image>>>> listed(sets.size());
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i; (i = next++) < sets.size();)
      listed[i] = service.list({.properties = {{labels::k_set, sets[i]}}});
  };
  {
    std::vector<std::future<void>> threads;
    for (size_t t = 1; t < std::min(sets.size(), k_listing_threads); ++t)
      threads.push_back(std::async(std::launch::async, work));
    work();
  }  // the futures join here
  std::vector<Image> out;
  for (auto& images : listed) {
    if (!*images) return images->error();
    out.insert(out.end(), std::make_move_iterator((*images)->begin()),
               std::make_move_iterator((*images)->end()));
  }
  sort_by_creation(out);
  return out;
}

Result<LiveState> fetch_live(ImageService& service, const LiveScope& scope) {
  LiveState live;
  GLANCER_TRY(managed, list_sets(service, scope.sets));
  live.images = std::move(managed);
  std::vector<std::string> names = scope.public_names;
  for (const Image& im : live.images) {
    auto set = im.property(labels::k_set);
    auto key = im.property(labels::k_key);
    if (!set || !key) continue;
    auto rotated = scope.rotated.find(image_ref(*set, *key));
    if (rotated == scope.rotated.end()) continue;
    auto [first, second] = previous_name_candidates(rotated->second, im);
    names.push_back(std::move(first));
    names.push_back(std::move(second));
  }
  if (!names.empty()) {
    GLANCER_TRY(named, service.list({.names = std::move(names)}));
    std::unordered_set<std::string> have;
    for (const Image& im : live.images) have.insert(im.id);
    for (Image& im : named)
      if (!have.count(im.id)) live.images.push_back(std::move(im));
    sort_by_creation(live.images);
  }
  GLANCER_CHECK(fetch_members(service, scope.sets, live));
  return live;
}

}  // namespace glancer
