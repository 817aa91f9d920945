#include <unistd.h>

#include <atomic>
#include <csignal>
#include <fstream>
#include <iostream>

#include "cli/apply_output.h"
#include "cli/commands.h"
#include "cli/url_opener.h"
#include "exec/executor.h"
#include "plan/live_fetch.h"
#include "plan/plan_json.h"
#include "plan/staleness.h"
#include "report/plan_view.h"

namespace glancer {

namespace {

// Set from the signal handler (lock-free atomics are async-signal-safe): the first Ctrl-C or
// TERM stops starting actions, the second aborts the transfers in flight.
std::atomic<bool> g_interrupted{false};
std::atomic<bool> g_abort{false};

void on_interrupt(int) {
  if (g_interrupted.exchange(true)) g_abort.store(true);
}

// The exit status of a command stopped by SIGINT, as shells report it (128 + 2).
constexpr int k_exit_interrupted = 130;

// A saved plan is a JSON file; manifests are YAML (which never starts with '{' here).
bool is_plan_file(const std::string& path) {
  std::ifstream in(path);
  char c = 0;
  while (in.get(c))
    if (!std::isspace(static_cast<unsigned char>(c))) return c == '{';
  return false;
}

// A saved plan already holds every change: manifests beside it would be ignored (or planned
// again, against what the plan recorded), so they are refused rather than guessed at.
Status check_plan_alone(const std::vector<std::string>& paths) {
  if (paths.size() < 2) return {};
  for (const std::string& path : paths)
    if (is_plan_file(path))
      return fail(ErrorCode::invalid_argument,
                  path + " is a saved plan: a saved plan is applied alone (`glancer apply " + path +
                      "`), without manifests");
  return {};
}

bool confirm(std::ostream& out) {
  out << "\nDo you want to perform these actions?\n"
         "  glancer will perform the actions described above.\n"
         "  Only 'yes' will be accepted to approve.\n\n  Enter a value: "
      << std::flush;
  std::string answer;
  std::getline(std::cin, answer);
  return answer == "yes";
}

}  // namespace

int run_apply(const GlobalOptions& global, const ApplyArgs& args) {
  auto format = parse_format(args.format);
  if (!format) return report_error(format.error());
  if (auto alone = check_plan_alone(args.paths); !alone) return report_error(alone.error());
  // destroy only reads what is there: against a missing store it is an error, as for plan.
  auto service =
      open_target(global, args.scope.destroy ? TargetAccess::read : TargetAccess::create);
  if (!service) return report_error(service.error());
  ImageService& svc = **service;
  print_target(svc.describe(), *format);

  const bool saved = !args.scope.destroy && args.paths.size() == 1 && is_plan_file(args.paths[0]);
  Result<Plan> plan = fail(ErrorCode::internal, "no plan");
  if (saved) {
    plan = load_plan(args.paths[0]);
    if (!plan) return report_error(plan.error());
    if (plan->target != svc.describe())
      return report_error(fail(ErrorCode::stale_plan, "plan was made for target `" + plan->target +
                                                          "`, not `" + svc.describe() + "`"));
    auto live = list_sets(svc, plan->sets);  // a plan only reads and changes its sets
    if (!live) return report_error(live.error());
    if (auto fresh = check_not_stale(*plan, *live); !fresh) return report_error(fresh.error());
  } else {
    plan = make_plan(svc, args.paths, args.scope);
    if (!plan) return report_error(plan.error());
  }

  ApplyOutput output(*format, *plan, global);
  std::ostream& text = output.text();
  text << render_plan_human(*plan, output.text_options());
  if (!plan->has_changes() && !plan->has_errors()) {
    if (*format != Format::human) {  // machines still get their (empty) events or report
      output.begin();
      output.finish({});
    }
    return 0;
  }
  // Only errors: nothing to approve, but the executor reports each errored image as failed.
  if (plan->has_changes() && !args.auto_approve) {
    if (!isatty(STDIN_FILENO)) {
      if (!saved)
        return report_error(fail(ErrorCode::invalid_argument,
                                 "no terminal to confirm on: pass --auto-approve, or apply a saved "
                                 "plan (glancer plan --out FILE; glancer apply FILE)"));
    } else if (!confirm(text)) {
      text << "\nApply cancelled.\n";
      return 1;
    }
  }
  text << "\n";

  std::signal(SIGINT, on_interrupt);
  std::signal(SIGTERM, on_interrupt);
  ExecutorOptions options;
  options.parallelism = args.parallelism;
  options.mirror = cli_mirror_options();
  Executor executor(svc, output.observer(), options, &g_interrupted, &g_abort);
  output.begin();
  auto applied = executor.apply(*plan);
  if (!applied) return report_error(applied.error());
  output.finish(*applied);
  if (applied->interrupted) return k_exit_interrupted;
  return applied->ok() ? 0 : 1;
}

}  // namespace glancer
