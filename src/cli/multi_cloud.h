#pragma once
/// `--cloud a --cloud b …`: runs the command once per cloud, all at once, each in its own
/// glancer process (so one cloud's failure, slowness or Ctrl-C handling never touches
/// another's), and reports per cloud.

#include <optional>
#include <string>
#include <vector>

namespace glancer {

/// The clouds named by repeated `--cloud NAME` / `--cloud=NAME` options in `argv`, in order;
/// nullopt unless there are at least two.
std::optional<std::vector<std::string>> several_clouds(int argc, char** argv);

/// Runs `argv` once per cloud concurrently, with only that `--cloud`, and with `{cloud}` in any
/// argument replaced by the cloud's name (so `--out plans/{cloud}.plan` and
/// `apply plans/{cloud}.plan` keep one saved plan per cloud). Human output streams each line
/// prefixed with "[cloud] " and ends with one summary line per cloud; json gathers the outputs
/// in {"clouds": [{"cloud", "exit_code", "output"}]}; markdown puts each under a heading;
/// junit merges the test suites. Exit code: 1 if any cloud failed, else 2 if any reported
/// changes or drift, else 0. Only plan, apply, destroy and drift take several clouds.
int run_each_cloud(int argc, char** argv, const std::vector<std::string>& clouds);

}  // namespace glancer
