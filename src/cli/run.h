#pragma once
/// The command line: the only place that reads argv and the environment and prints.

namespace glancer {

/// Runs glancer with the given arguments; returns the process exit code (DESIGN.md §4).
int run_cli(int argc, char** argv);

}  // namespace glancer
