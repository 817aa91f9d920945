#pragma once
/// The ordering rules of the action graph, each a small function that adds edges.

#include <vector>

#include "graph/action_graph.h"

namespace glancer {

/// Finds nodes by change index and phase.
struct NodeIndex {
  std::vector<long> main;    ///< change index → main node, -1 for none
  std::vector<long> retire;  ///< change index → retire node, -1 for none
};

/// A referenced image is made before the images that reference it
/// (`${image.KEY.id}`, e.g. kernel_id/ramdisk_id): main(producer) → main(referrer).
void add_reference_edges(const std::vector<Change>& changes, const NodeIndex& index,
                         std::vector<ActionEdge>& out);

/// Create before destroy: a replacement is made and verified before the old image goes:
/// main(change) → retire(change).
void add_replace_edges(const std::vector<Change>& changes, const NodeIndex& index,
                       std::vector<ActionEdge>& out);

/// An old image is retired only after every image that referenced it points elsewhere:
/// main(referrer) → retire(producer).
void add_retire_after_referrers_edges(const std::vector<Change>& changes, const NodeIndex& index,
                                      std::vector<ActionEdge>& out);

/// Deletes run in reverse dependency order: an image whose live properties name another
/// image's id is deleted (or re-pointed) before that image is deleted.
void add_reverse_delete_edges(const std::vector<Change>& changes, const NodeIndex& index,
                              std::vector<ActionEdge>& out);

}  // namespace glancer
