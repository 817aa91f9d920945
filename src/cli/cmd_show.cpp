#include <iostream>

#include "cli/commands.h"
#include "cli/terminal.h"
#include "plan/plan_json.h"
#include "report/plan_view.h"

namespace glancer {

int run_show(const GlobalOptions& global, const ShowArgs& args) {
  auto format = parse_format(args.format);
  if (!format) return report_error(format.error());
  auto plan = load_plan(args.plan_file);
  if (!plan) return report_failure(plan.error(), "show", *format);
  print_target(plan->target + " (saved plan of " + plan->created_at + ")", *format);
  std::cout << render_plan(*plan, *format, render_options(global));
  return 0;
}

}  // namespace glancer
