#pragma once

#include <string>

#include "cli/cli_model.h"

namespace glancer {

/// The man page glancer(1) in roff (-man macros) for `model`: NAME, SYNOPSIS (one line per
/// command), DESCRIPTION, GLOBAL OPTIONS, COMMANDS with every option and argument, EXIT STATUS,
/// ENVIRONMENT, FILES, EXAMPLES and SEE ALSO. `version` goes into the page footer. The text
/// sections besides the options are fixed here; the options come only from `model`.
std::string man_page(const CliModel& model, const std::string& version);

}  // namespace glancer
