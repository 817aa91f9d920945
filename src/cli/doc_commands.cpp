#include "cli/doc_commands.h"

#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>

#include "cli/cli_model.h"
#include "cli/completion.h"
#include "cli/manpage.h"
#include "cli/version.h"

namespace glancer {

void add_doc_commands(CLI::App& app, int& code) {
  // Listed in --help, the man page and the completions like any command: an operator without
  // the package installs the completion script with them.
  auto shell = std::make_shared<std::string>();
  auto* completion = app.add_subcommand("completion", "Print a shell completion script");
  completion->add_option("shell", *shell, "bash or zsh")
      ->required()
      ->check(CLI::IsMember({"bash", "zsh"}));
  completion->callback([&app, &code, shell] {
    const CliModel model = describe_cli(app, "glancer");
    std::cout << (*shell == "bash" ? bash_completion(model) : zsh_completion(model));
    code = 0;
  });

  auto* man = app.add_subcommand("man", "Print the glancer(1) man page in roff");
  man->callback([&app, &code] {
    std::cout << man_page(describe_cli(app, "glancer"), version());
    code = 0;
  });
}

}  // namespace glancer
