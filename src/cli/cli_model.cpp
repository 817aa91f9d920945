#include "cli/cli_model.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cctype>

namespace glancer {
namespace {

std::string upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::toupper(c); });
  return s;
}

// CLI11 reports an option's type and its validators' descriptions as one string, e.g.
// "TEXT:{human,json}" or "INT:INT in [1 - 64]"; IsMember describes its set as "{a,b,…}".
std::vector<std::string> choices_of(const std::string& type_name) {
  const auto open = type_name.find(":{");
  if (open == std::string::npos) return {};
  const auto close = type_name.find('}', open);
  if (close == std::string::npos) return {};
  std::vector<std::string> choices;
  std::string item;
  for (char c : type_name.substr(open + 2, close - open - 2)) {
    if (c == ',') {
      choices.push_back(item);
      item.clear();
    } else {
      item += c;
    }
  }
  choices.push_back(item);
  return choices;
}

// The value's kind from its declared type: CLI11 names a std::string "TEXT" (taken as a path,
// as shells do by default), numbers INT/UINT/FLOAT; any other type name (KEY, NAME, …) was set
// with ->type_name() to say the value is not a file.
ValueKind kind_of(const std::string& base) {
  if (base == "TEXT" || base == "FILE" || base == "PATH") return ValueKind::file;
  if (base == "DIR") return ValueKind::directory;
  return ValueKind::opaque;
}

}  // namespace

CliArg describe_option(const CLI::Option& opt) {
  CliArg arg;
  arg.description = opt.get_description();
  arg.required = opt.get_required();
  arg.repeatable = opt.get_items_expected_max() > 1 ||
                   opt.get_multi_option_policy() == CLI::MultiOptionPolicy::TakeAll;
  if (opt.get_positional()) {
    arg.names = {opt.get_name()};
  } else {
    for (const auto& s : opt.get_snames()) arg.names.push_back("-" + s);
    for (const auto& l : opt.get_lnames()) arg.names.push_back("--" + l);
  }
  if (opt.get_expected_max() == 0) return arg;  // a flag: CLI11 expects no value

  const std::string type_name = opt.get_type_name();
  const std::string base = type_name.substr(0, type_name.find(':'));
  arg.choices = choices_of(type_name);
  if (!arg.choices.empty()) {
    arg.kind = ValueKind::choice;
    for (const auto& c : arg.choices) arg.value_name += (arg.value_name.empty() ? "" : "|") + c;
    return arg;
  }
  arg.kind = kind_of(base);
  if (opt.get_positional()) {
    arg.value_name = upper(opt.get_name());
  } else if (base == "INT" || base == "UINT" || base == "FLOAT" || base == "NUMBER") {
    arg.value_name = "N";
  } else if (base == "TEXT" && !opt.get_lnames().empty()) {
    arg.value_name = upper(opt.get_lnames().front());
  } else {
    arg.value_name = base;
  }
  return arg;
}

namespace {

bool visible(const CLI::Option* opt) {
  return !opt->get_group().empty();
}

}  // namespace

CliModel describe_cli(const CLI::App& app, std::string program) {
  CliModel model;
  model.program = std::move(program);  // not app.get_name(): CLI11 sets that from argv[0]
  model.description = app.get_description();
  for (const CLI::Option* opt : app.get_options(visible))
    model.global_options.push_back(describe_option(*opt));
  for (const CLI::App* sub :
       app.get_subcommands([](const CLI::App* s) { return !s->get_group().empty(); })) {
    CliCommand command{sub->get_name(), sub->get_description(), {}, {}};
    for (const CLI::Option* opt : sub->get_options(visible)) {
      CliArg arg = describe_option(*opt);
      (opt->get_positional() ? command.positionals : command.options).push_back(std::move(arg));
    }
    model.commands.push_back(std::move(command));
  }
  return model;
}

}  // namespace glancer
