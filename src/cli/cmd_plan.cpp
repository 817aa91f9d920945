#include <iostream>

#include "cli/commands.h"
#include "cli/terminal.h"
#include "plan/plan_json.h"
#include "report/plan_view.h"

namespace glancer {

int run_plan(const GlobalOptions& global, const PlanArgs& args) {
  auto format = parse_format(args.format);
  if (!format) return report_error(format.error());
  auto service = open_target(global);
  if (!service) return report_failure(service.error(), "plan", *format);
  const std::string target = (*service)->describe();
  print_target(target, *format);
  PlanDiagnostics diags;
  auto plan = make_plan(**service, args.paths, args.scope, &diags);
  if (!plan) return report_failure(plan.error(), "plan", *format, target, &diags);
  std::cout << render_plan(*plan, *format, render_options(global));
  if (!args.out.empty()) {
    if (auto saved = save_plan(*plan, args.out); !saved) return report_error(saved.error());
    (*format == Format::human ? std::cout : std::cerr)
        << "\nSaved the plan to " << args.out << ". Apply exactly these changes with:\n"
        << "  glancer apply " << args.out << "\n";
  }
  if (plan->has_errors()) return 1;  // after the other images were planned and shown
  return args.detailed_exitcode && plan->has_changes() ? 2 : 0;
}

}  // namespace glancer
