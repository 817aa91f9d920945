#include <iostream>

#include "cli/commands.h"
#include "graph/action_graph.h"

namespace glancer {

int run_graph(const GlobalOptions& global, const GraphArgs& args) {
  auto service = open_target(global);
  if (!service) return report_error(service.error());
  std::cerr << "target: " << (*service)->describe() << "\n";  // stdout is the graph itself
  PlanScope scope;
  scope.allow_mass_delete = true;  // a graph changes nothing: it shows the deletes
  auto plan = make_plan(**service, args.paths, scope);
  if (!plan) return report_error(plan.error());
  auto graph = ActionGraph::build(plan->changes);
  if (!graph) return report_error(graph.error());
  std::cout << (args.format == "mermaid" ? graph_to_mermaid(*graph, plan->changes)
                                         : graph_to_dot(*graph, plan->changes));
  return 0;
}

}  // namespace glancer
