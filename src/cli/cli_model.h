#pragma once

#include <string>
#include <vector>

namespace CLI {
class App;
class Option;
}  // namespace CLI

namespace glancer {

/// How a shell should complete the value of an option or positional argument.
enum class ValueKind {
  none,       ///< a flag: takes no value
  file,       ///< a path (CLI11's default TEXT type, or FILE / PATH)
  directory,  ///< a directory (type name DIR)
  choice,     ///< one of `choices` (an IsMember check)
  opaque,     ///< a number or a named value (KEY, ID, …): nothing to complete
};

/// One option or positional argument as the CLI definition declares it.
struct CliArg {
  std::vector<std::string> names;  ///< "-h", "--help"; for a positional its one name, e.g. "paths"
  std::string value_name;  ///< what the value is shown as: "FILE", "N", "human|json"; "" for flags
  std::string description;
  ValueKind kind = ValueKind::none;
  std::vector<std::string> choices;  ///< with ValueKind::choice
  bool repeatable = false;           ///< may be given several times / takes several values
  bool required = false;
};

/// One subcommand: its options (the help flag included) and positionals in order.
struct CliCommand {
  std::string name;
  std::string description;
  std::vector<CliArg> options;
  std::vector<CliArg> positionals;
};

/// The visible command line: what completion scripts and the man page are generated from.
struct CliModel {
  std::string program;
  std::string description;
  std::vector<CliArg> global_options;  ///< accepted before and after the command
  std::vector<CliCommand> commands;    ///< in definition order
};

/// Reads the model from a CLI11 definition. Hidden subcommands and options (CLI11's empty group)
/// are left out, so generators never advertise internal commands.
CliModel describe_cli(const CLI::App& app, std::string program);

/// One option or positional as describe_cli sees it: its value shown plainly ("N", "DIR",
/// "human|json"), never CLI11's type and validator text ("INT:INT in [1 - 64]").
CliArg describe_option(const CLI::Option& opt);

}  // namespace glancer
