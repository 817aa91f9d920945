#pragma once
/// drift's unmanaged scan: the one reader of a whole catalogue. It streams the service's
/// listing page by page and keeps only its findings, so its memory grows with what it reports,
/// never with what it reads; the service filters what the scope leaves out (owner=,
/// visibility=) wherever Glance can.

#include <string>
#include <vector>

#include "core/result.h"
#include "glance/image_service.h"
#include "manifest/desired_state.h"
#include "plan/diff.h"
#include "plan/drift.h"

namespace glancer {

/// One listing of the scan; `skip_published`: its public and community images come from a
/// listing of their own, so this one passes over them (each image is judged once).
struct UnmanagedListing {
  ScanQuery query;
  bool skip_published = false;
};

/// The listings that together cover options.unmanaged_scope, hidden images included (Glance
/// lists them only when asked): `all`, or any scope without a known project, lists
/// visibility=all; `owned` lists owner=PROJECT; `public` lists owner=PROJECT and
/// visibility=public and visibility=community. Empty with ignore_unmanaged.
std::vector<UnmanagedListing> unmanaged_listings(const DriftOptions& options);

/// Appends to `out` the unmanaged finding (unmanaged_item) of every image the listings return,
/// except those already in `live` (detect_drift judged them). Reads one page at a time.
Status scan_unmanaged(ImageService& service, const DesiredState& desired, const LiveState& live,
                      const DriftOptions& options, std::vector<DriftItem>& out);

}  // namespace glancer
