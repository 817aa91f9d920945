#include "exec/patch_ops.h"

#include "plan/labels.h"

namespace glancer {

namespace {

// Plan attribute paths → Glance attribute names.
std::string glance_path(const std::string& path) {
  if (path == "hidden") return "/os_hidden";
  if (path.rfind("properties.", 0) == 0) return "/" + path.substr(11);
  return "/" + path;
}

bool is_patchable(const std::string& path) {
  return path != "status" && path != "members" && path != "disk_format" &&
         path != "container_format" && path.rfind("source.", 0) != 0 &&
         path.rfind("previous.", 0) != 0;
}

}  // namespace

std::vector<PatchOp> patch_for(const std::vector<AttributeChange>& changes) {
  std::vector<PatchOp> ops;
  for (const AttributeChange& a : changes) {
    if (!is_patchable(a.path)) continue;
    const bool custom = a.path.rfind("properties.", 0) == 0;
    if (a.after.is_null())
      ops.push_back({PatchOp::Kind::remove, glance_path(a.path), nullptr});
    else  // `add` overwrites an existing key and creates a missing one: never a 409
      ops.push_back(
          {custom ? PatchOp::Kind::add : PatchOp::Kind::replace, glance_path(a.path), a.after});
  }
  return ops;
}

std::vector<PatchOp> publish_patch(const DesiredImage& d, const Digest& digest) {
  using K = PatchOp::Kind;
  std::vector<PatchOp> ops = {
      {K::replace, "/name", d.name},
      {K::replace, "/visibility", d.visibility},
      {K::replace, "/protected", d.protected_},
      {K::replace, "/os_hidden", d.hidden},
      {K::replace, "/min_disk", d.min_disk},
      {K::replace, "/min_ram", d.min_ram},
      {K::replace, "/tags", std::vector<std::string>(d.tags.begin(), d.tags.end())},
  };
  for (const auto& [k, v] : d.properties) ops.push_back({K::add, "/" + k, v});
  ops.push_back({K::add, std::string("/") + labels::k_digest, digest.to_string()});
  if (d.source && !d.source->version.empty())
    ops.push_back({K::add, std::string("/") + labels::k_version, d.source->version});
  ops.push_back({K::remove, std::string("/") + labels::k_pending, nullptr});
  return ops;
}

std::vector<PatchOp> demote_patch(const std::string& previous_name,
                                  const std::string& superseded_at, const std::string& os_purpose) {
  std::vector<PatchOp> ops = {
      {PatchOp::Kind::replace, "/name", previous_name},
      {PatchOp::Kind::replace, "/os_hidden", true},
      {PatchOp::Kind::add, std::string("/") + labels::k_previous, superseded_at}};
  if (!os_purpose.empty()) ops.push_back({PatchOp::Kind::add, "/os_purpose", os_purpose});
  return ops;
}

}  // namespace glancer
