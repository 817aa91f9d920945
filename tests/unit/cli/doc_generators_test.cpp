#include <doctest/doctest.h>

#include <CLI/CLI.hpp>

#include "cli/cli_model.h"
#include "cli/completion.h"
#include "cli/help_formatter.h"
#include "cli/manpage.h"

using namespace glancer;

namespace {

// A small CLI11 definition with each kind of argument the generators must handle; the real
// glancer definition is checked end to end by tests/integration/test_packaging.sh.
struct TestCli {
  CLI::App app{"tool: does things"};
  std::string store, cloud, format, out, key;
  std::vector<std::string> paths, targets;
  int parallelism = 4;
  bool debug = false;

  TestCli() {
    app.add_option("--store", store, "Store directory")->type_name("DIR");
    app.add_option("--cloud", cloud, "Cloud name")->type_name("NAME");
    app.add_flag("-d,--debug", debug, "Log [everything]: 'really'");
    auto* plan = app.add_subcommand("plan", "Show what would change");
    plan->add_option("paths", paths, "Manifest files");
    plan->add_option("--out", out, "Save the plan");
    plan->add_option("--format", format, "How to print")
        ->check(CLI::IsMember({"human", "json", "markdown"}));
    plan->add_option("--target", targets, "Only this image; repeatable")->allow_extra_args(false);
    plan->add_option("--parallelism", parallelism, "At once")->check(CLI::Range(1, 64));
    auto* import = app.add_subcommand("import", "Adopt an image");
    import->add_option("key", key, "The key")->required()->type_name("KEY");
    app.add_subcommand("hidden-internals", "Internal")->group("");
  }
};

const CliArg& find(const std::vector<CliArg>& args, const std::string& name) {
  for (const auto& a : args)
    for (const auto& n : a.names)
      if (n == name) return a;
  FAIL("no argument " << name);
  return args.front();
}

}  // namespace

TEST_SUITE("cli") {
  TEST_CASE("describe_cli reads commands, options, kinds and choices from CLI11") {
    TestCli cli;
    const CliModel m = describe_cli(cli.app, "tool");
    CHECK(m.program == "tool");
    CHECK(m.description == "tool: does things");
    REQUIRE(m.commands.size() == 2);  // the hidden `hidden-internals` is left out
    CHECK(m.commands[0].name == "plan");
    CHECK(m.commands[1].name == "import");

    CHECK(find(m.global_options, "--store").kind == ValueKind::directory);
    CHECK(find(m.global_options, "--store").value_name == "DIR");
    CHECK(find(m.global_options, "--cloud").kind == ValueKind::opaque);
    const CliArg& debug = find(m.global_options, "--debug");
    CHECK(debug.kind == ValueKind::none);
    CHECK(debug.names == std::vector<std::string>{"-d", "--debug"});
    CHECK(debug.value_name.empty());

    const CliCommand& plan = m.commands[0];
    const CliArg& format = find(plan.options, "--format");
    CHECK(format.kind == ValueKind::choice);
    CHECK(format.choices == std::vector<std::string>{"human", "json", "markdown"});
    CHECK(format.value_name == "human|json|markdown");
    CHECK_FALSE(format.repeatable);
    CHECK(find(plan.options, "--out").kind == ValueKind::file);
    CHECK(find(plan.options, "--out").value_name == "OUT");
    CHECK(find(plan.options, "--target").repeatable);
    CHECK(find(plan.options, "--parallelism").kind == ValueKind::opaque);
    CHECK(find(plan.options, "--parallelism").value_name == "N");
    REQUIRE(plan.positionals.size() == 1);
    CHECK(plan.positionals[0].names == std::vector<std::string>{"paths"});
    CHECK(plan.positionals[0].kind == ValueKind::file);
    CHECK(plan.positionals[0].repeatable);
    CHECK(plan.positionals[0].value_name == "PATHS");

    const CliArg& key = m.commands[1].positionals.at(0);
    CHECK(key.required);
    CHECK(key.kind == ValueKind::opaque);
    CHECK_FALSE(key.repeatable);
  }

  TEST_CASE("help: values shown plainly, not as CLI11 types and validators") {
    CLI::App app{"tool: does things", "tool"};
    app.formatter(std::make_shared<HelpFormatter>());
    uint64_t size = 0;
    double seconds = 1;
    int n = 4;
    std::string format, key;
    std::vector<std::string> paths;
    bool flag = false;
    auto* cmd = app.add_subcommand("serve", "Serve");
    cmd->add_option("--max-size", size, "Largest")
        ->transform(CLI::AsSizeValue(false))
        ->type_name("SIZE");
    cmd->add_option("--timeout", seconds, "Wait")->check(CLI::PositiveNumber)->type_name("SECONDS");
    cmd->add_option("--parallelism", n, "At once")->check(CLI::Range(1, 64));
    cmd->add_option("--format", format, "How")->check(CLI::IsMember({"human", "json"}));
    cmd->add_option("--target", paths, "Repeatable")->type_name("KEY");
    cmd->add_option("key", key, "The key")->required();
    cmd->add_flag("--flag", flag, "A flag");
    CHECK(app.help().find("Usage: tool [OPTIONS]") != std::string::npos);
    const std::string help = cmd->help(app.get_name());  // as CLI11 calls it for `tool serve -h`
    CHECK(help.find("Usage: tool serve [OPTIONS] key") != std::string::npos);
    CHECK(help.find("  --max-size SIZE ") != std::string::npos);
    CHECK(help.find("  --timeout SECONDS ") != std::string::npos);
    CHECK(help.find("  --parallelism N ") != std::string::npos);
    CHECK(help.find("  --format human|json ") != std::string::npos);
    CHECK(help.find("  --target KEY ... ") != std::string::npos);
    CHECK(help.find("  key REQUIRED ") != std::string::npos);
    CHECK(help.find("  --flag ") != std::string::npos);
    for (const char* noise : {"SIZE:", "kb(=1024b)", "POSITIVE", "INT", "TEXT", "{human"})
      CHECK_MESSAGE(help.find(noise) == std::string::npos, noise);
  }

  TEST_CASE("bash completion: one case arm per command, value kinds, positional kinds") {
    TestCli cli;
    const std::string bash = bash_completion(describe_cli(cli.app, "tool"));
    CHECK(bash.find("local commands=\"plan import\"") != std::string::npos);
    CHECK(bash.find("--format) kind=choice words=\"human json markdown\" ;;") != std::string::npos);
    CHECK(bash.find("--out) kind=file ;;") != std::string::npos);
    CHECK(bash.find("--store) kind=directory ;;") != std::string::npos);
    CHECK(bash.find("--parallelism) kind=opaque ;;") != std::string::npos);
    CHECK(bash.find("args=\"file*\"") != std::string::npos);   // plan: any number of paths
    CHECK(bash.find("args=\"opaque\"") != std::string::npos);  // import: one key
    CHECK(bash.find("hidden-internals") == std::string::npos);
    CHECK(bash.find("complete -F _tool tool") != std::string::npos);
    CHECK(bash.find("@P@") == std::string::npos);
  }

  TEST_CASE("bash completion: a positional's choices are offered") {
    CLI::App app{"tool: does things", "tool"};
    std::string shell;
    app.add_subcommand("completion", "Print a script")
        ->add_option("shell", shell, "bash or zsh")
        ->required()
        ->check(CLI::IsMember({"bash", "zsh"}));
    const std::string bash = bash_completion(describe_cli(app, "tool"));
    CHECK(bash.find("args=\"choice=bash,zsh\"") != std::string::npos);
  }

  TEST_CASE("zsh completion: _arguments specs with escaped descriptions") {
    TestCli cli;
    const std::string zsh = zsh_completion(describe_cli(cli.app, "tool"));
    CHECK(zsh.rfind("#compdef tool\n", 0) == 0);
    CHECK(zsh.find("'(-d --debug)'{-d,--debug}'[Log \\[everything\\]\\: '\\''really'\\'']'") !=
          std::string::npos);
    CHECK(zsh.find("'--format=[How to print]:human|json|markdown:(human json markdown)'") !=
          std::string::npos);
    CHECK(zsh.find("'*--target=[Only this image; repeatable]:TARGET:_files'") != std::string::npos);
    CHECK(zsh.find("'--store=[Store directory]:DIR:_files -/'") != std::string::npos);
    CHECK(zsh.find("'*:Manifest files:_files'") != std::string::npos);
    CHECK(zsh.find("'1:The key: '") != std::string::npos);
    CHECK(zsh.find("'plan:Show what would change'") != std::string::npos);
  }

  TEST_CASE("man page: sections, synopsis per command, escaped options") {
    TestCli cli;
    const std::string man = man_page(describe_cli(cli.app, "tool"), "1.2.0-3-gabc");
    CHECK(man.find(".TH TOOL 1 \"\" \"tool 1.2.0\\-3\\-gabc\" \"User Commands\"\n") !=
          std::string::npos);
    CHECK(man.find(".SH NAME\ntool \\- does things\n") != std::string::npos);
    for (const char* section :
         {".SH SYNOPSIS", ".SH DESCRIPTION", ".SH GLOBAL OPTIONS", ".SH COMMANDS",
          ".SH EXIT STATUS", ".SH ENVIRONMENT", ".SH FILES", ".SH SEE ALSO"})
      CHECK_MESSAGE(man.find(std::string("\n") + section + "\n") != std::string::npos, section);
    CHECK(man.find(".SY \"tool plan\"\n.OP \\-\\-out OUT\n") != std::string::npos);
    CHECK(man.find(".OP \\-\\-format human|json|markdown\n") != std::string::npos);
    CHECK(man.find(".RI [ PATHS ...]\n.YS\n") != std::string::npos);
    CHECK(man.find(".SY \"tool import\"\n.I KEY\n.YS\n") != std::string::npos);
    CHECK(man.find(".TP\n\\fB\\-d\\fR, \\fB\\-\\-debug\\fR\n") != std::string::npos);
    CHECK(man.find(".TP\n\\fB\\-\\-format\\fR \\fIhuman|json|markdown\\fR\nHow to print\nOne of: "
                   "human|json|markdown.\n") != std::string::npos);
    CHECK(man.find("hidden") == std::string::npos);
    // --help is listed once, with the global options, not under every command.
    size_t helps = 0;
    for (auto at = man.find("\\-\\-help"); at != std::string::npos;
         at = man.find("\\-\\-help", at + 1))
      ++helps;
    CHECK(helps == 1);
  }
}
