#pragma once

#include <string>

#include "cli/cli_model.h"

namespace glancer {

/// A bash completion script for `model`: commands, each command's and the global options,
/// --format style choices, and files or directories where a value is a path. Self-contained
/// (does not need the bash-completion package's helpers); defines `_<program>` and registers it
/// with `complete -F`.
std::string bash_completion(const CliModel& model);

/// A zsh completion function (`#compdef <program>`) for `model`, for a file named `_<program>`
/// on $fpath: the same commands, options, choices and paths as bash_completion, with descriptions.
std::string zsh_completion(const CliModel& model);

}  // namespace glancer
