#pragma once
// Desired and live images for the pure plan tests (diff, targeting): a desired image with a
// pinned digest, the live image glancer would have made for it, and ids new-1, new-2, ….

#include <memory>
#include <string>
#include <vector>

#include "plan/diff.h"
#include "plan/labels.h"

namespace glancer::diff_test {

inline const std::string k_sha = "sha256:" + std::string(64, 'a');

inline DesiredImage desired_image(const std::string& key) {
  DesiredImage d;
  d.set = "demo";
  d.key = key;
  d.name = "Image " + key;
  d.source = ImageSource{};
  d.source->file = "/tmp/" + key + ".img";
  d.source->checksum = *Digest::parse(k_sha);
  return d;
}

// The live image glancer would have made for `d`.
inline Image live_image(const DesiredImage& d, const std::string& id) {
  Image im;
  im.id = id;
  im.name = d.name;
  im.status = d.status;
  im.visibility = d.visibility;
  im.protected_ = d.protected_;
  im.hidden = d.hidden;
  im.disk_format = d.disk_format;
  im.container_format = d.container_format;
  im.min_disk = d.min_disk;
  im.min_ram = d.min_ram;
  im.tags = d.tags;
  im.properties = d.properties;
  im.properties[labels::k_set] = d.set;
  im.properties[labels::k_key] = d.key;
  im.properties[labels::k_digest] = d.source->checksum->to_string();
  im.checksum = std::string(32, 'c');
  im.os_hash_algo = "sha512";
  im.os_hash_value = std::string(128, 'e');
  im.created_at = "2026-01-01T00:00:00Z";
  im.updated_at = "2026-01-01T00:00:00Z";
  return im;
}

// Deterministic ids for new images: new-1, new-2, …
inline IdGenerator counter() {
  auto n = std::make_shared<int>(0);
  return [n] { return "new-" + std::to_string(++*n); };
}

inline std::vector<Change> diff(const DesiredState& desired, const LiveState& live) {
  return glancer::diff(desired, live, counter());
}

inline DesiredState state_of(std::vector<DesiredImage> images) {
  DesiredState s;
  s.sets.push_back({"demo", {}});
  s.images = std::move(images);
  return s;
}

}  // namespace glancer::diff_test
