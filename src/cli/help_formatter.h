#pragma once
/// `glancer --help` in the words the man page and completions use: each option's value shown
/// plainly (`--parallelism N`, `--format human|json|markdown|junit`, `--max-image-size SIZE`),
/// not CLI11's type and validator text (`INT:INT in [1 - 64]`, `SIZE:SIZE [b, kb(=1024b), …]`).

#include <CLI/CLI.hpp>
#include <string>

namespace glancer {

/// A CLI11 formatter; set it on the top-level app before adding subcommands (they copy it).
class HelpFormatter : public CLI::Formatter {
 public:
  /// " VALUE", then " ..." when repeatable and " REQUIRED" when required; a positional shows
  /// only the last two (its name is its value).
  std::string make_option_opts(const CLI::Option* opt) const override;
};

}  // namespace glancer
