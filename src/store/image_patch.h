#pragma once
/// Glance's PATCH semantics as a pure function over an Image value.

#include <string>
#include <vector>

#include "core/result.h"
#include "glance/image.h"

namespace glancer {

/// Decodes a depth-1 JSON-pointer path ("/name", "/a~1b" → "a/b"); invalid_argument for
/// deeper paths such as "/tags/-", for a missing leading slash and for bad escapes.
Result<std::string> patch_path_key(const std::string& path);

/// Applies `ops` in order to `image`, as Glance does: base attributes may be added/replaced
/// (disk_format/container_format only while queued, else forbidden) but not removed
/// (forbidden); read-only and reserved keys are forbidden; custom values must be JSON strings
/// (invalid_argument); replace/remove of a missing custom key is a conflict; `/tags` replaces
/// the whole set; quotas are checked after the last op. On error `image` is partly modified:
/// callers apply to a copy. Does not touch updated_at.
Status apply_patch(Image& image, const std::vector<PatchOp>& ops);

}  // namespace glancer
