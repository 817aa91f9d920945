#include "cli/help_formatter.h"

#include "cli/cli_model.h"

namespace glancer {

std::string HelpFormatter::make_option_opts(const CLI::Option* opt) const {
  if (opt->get_expected_max() == 0) return "";  // a flag
  const CliArg arg = describe_option(*opt);
  std::string out;
  if (!opt->get_positional()) out += " " + arg.value_name;
  if (arg.repeatable) out += " ...";
  if (arg.required) out += " REQUIRED";
  return out;
}

}  // namespace glancer
