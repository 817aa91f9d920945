#include "plan/catalogue.h"

#include <algorithm>

#include "plan/labels.h"

namespace glancer {

namespace {

std::string prop(const Image& image, const char* key) {
  return image.property(key).value_or("");
}

std::string build_date(const Image& image) {
  auto date = image.property("image_build_date");
  return date ? *date : image.created_at;
}

bool belongs_to(const Image& image, const DesiredImage& d) {
  return image.status == "active" && image.property(labels::k_set) == d.set &&
         image.property(labels::k_key) == d.key && !image.property(labels::k_pending);
}

CatalogueImage entry(const DesiredImage& d, const Image& current) {
  CatalogueImage c;
  c.set = d.set;
  c.key = d.key;
  c.name = current.name.value_or("");
  c.id = current.id;
  c.visibility = current.visibility;
  c.os_distro = prop(current, "os_distro");
  c.os_version = prop(current, "os_version");
  c.architecture = prop(current, "architecture");
  c.login_user = current.property("image_original_user").value_or(prop(current, "os_admin_user"));
  c.build_date = build_date(current);
  c.provided_until = prop(current, "provided_until");
  c.min_disk = current.min_disk;
  c.min_ram = current.min_ram;
  c.description = prop(current, "image_description");
  return c;
}

}  // namespace

Catalogue build_catalogue(const DesiredState& desired, const LiveState& live) {
  Catalogue out;
  for (const DesiredImage& d : desired.images) {
    const Image* current = nullptr;
    std::vector<std::pair<std::string, const Image*>> previous;  // superseded at, image
    for (const Image& image : live.images) {
      if (!belongs_to(image, d)) continue;
      if (auto at = image.property(labels::k_previous))
        previous.emplace_back(*at, &image);
      else if (!current)
        current = &image;
    }
    if (!current) continue;
    CatalogueImage c = entry(d, *current);
    // Newest superseded first; the id breaks ties so the order is stable.
    std::sort(previous.begin(), previous.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : a.second->id < b.second->id;
    });
    for (const auto& [at, image] : previous)
      c.previous.push_back(
          {image->name.value_or(""), image->id, build_date(*image), image->hidden});
    out.images.push_back(std::move(c));
  }
  return out;
}

}  // namespace glancer
