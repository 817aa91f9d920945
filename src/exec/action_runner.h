#pragma once
/// Performs one action of the graph. The runners decide what runs when; an ActionRunner does it
/// (against the service, or only describing it for a dry run).

#include <string>

#include "core/result.h"
#include "graph/action_graph.h"
#include "plan/apply_observer.h"
#include "plan/change.h"

namespace glancer {

/// Performs one action node: one phase of one change.
class ActionRunner {
 public:
  virtual ~ActionRunner() = default;
  /// Performs `phase` of `change`, reporting its steps and progress to `observer` (never its
  /// outcome: the runner reports done/failed/skipped). Returns the id of the image the action
  /// produced or touched. On failure nothing the action started is left half-done. May be
  /// called from several threads at once for different changes.
  virtual Result<std::string> run(const Change& change, Phase phase, ApplyObserver& observer) = 0;
};

}  // namespace glancer
