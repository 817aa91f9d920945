#include "cli/completion.h"

#include <algorithm>
#include <sstream>
#include <string_view>

namespace glancer {
namespace {

std::string kind_word(ValueKind kind) {
  switch (kind) {
    case ValueKind::none: return "";
    case ValueKind::file: return "file";
    case ValueKind::directory: return "directory";
    case ValueKind::choice: return "choice";
    case ValueKind::opaque: return "opaque";
  }
  return "";
}

std::string join(const std::vector<std::string>& items, std::string_view sep = " ") {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : std::string(sep)) + item;
  return out;
}

std::vector<std::string> option_names(const std::vector<CliArg>& options, bool with_value_only) {
  std::vector<std::string> names;
  for (const auto& opt : options)
    if (!with_value_only || opt.kind != ValueKind::none)
      names.insert(names.end(), opt.names.begin(), opt.names.end());
  return names;
}

// A command's options less those it shares with the program (each command has its own
// -h/--help), since the global options are offered after the command too.
std::vector<CliArg> own_options(const CliCommand& command, const CliModel& model) {
  std::vector<CliArg> own;
  for (const auto& opt : command.options) {
    const bool global = std::any_of(model.global_options.begin(), model.global_options.end(),
                                    [&](const CliArg& g) { return g.names == opt.names; });
    if (!global) own.push_back(opt);
  }
  return own;
}

// `case $prev in` arms that complete an option's value: sets kind (and words for choices).
void bash_value_arms(std::ostream& out, const std::vector<CliArg>& options,
                     std::string_view indent) {
  for (const auto& opt : options) {
    if (opt.kind == ValueKind::none) continue;
    out << indent << join(opt.names, "|") << ") kind=" << kind_word(opt.kind);
    if (opt.kind == ValueKind::choice) out << " words=\"" << join(opt.choices) << "\"";
    out << " ;;\n";
  }
}

constexpr std::string_view k_bash_reply =
    R"(# _@P@_reply KIND WORDS CUR: fills COMPREPLY with the candidates of one kind of value.
_@P@_reply() {
  case $1 in
    choice) mapfile -t COMPREPLY < <(compgen -W "$2" -- "$3") ;;
    file) compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "$3") ;;
    directory) compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -d -- "$3") ;;
    *) COMPREPLY=() ;;
  esac
}

# _@P@_skip I VALS: prints the index of the last word of the option at word I (its value too,
# when the option is one of VALS; "--opt=value" is three words, readline splits at "=").
_@P@_skip() {
  local i=$1
  if [[ " $2 " == *" ${COMP_WORDS[i]} "* ]]; then
    i=$((i + 1))
    [[ ${COMP_WORDS[i]:-} == "=" ]] && i=$((i + 1))
  elif [[ ${COMP_WORDS[i]} == "=" ]]; then
    i=$((i + 1))
  fi
  echo "$i"
}
)";

constexpr std::string_view k_bash_body_start = R"(
_@P@() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev="" cmd="" word i n kind="" words="" args=""
  if (( COMP_CWORD > 0 )); then prev=${COMP_WORDS[COMP_CWORD - 1]}; fi
  if [[ $cur == "=" ]]; then
    cur=""
  elif [[ $prev == "=" ]] && (( COMP_CWORD > 1 )); then
    prev=${COMP_WORDS[COMP_CWORD - 2]}
  fi
)";

constexpr std::string_view k_bash_body_end =
    R"(  if [[ -n $kind ]]; then _@P@_reply "$kind" "$words" "$cur"; return 0; fi
  if [[ $cur == -* ]]; then _@P@_reply choice "$opts" "$cur"; return 0; fi
  if [[ -z $cmd ]]; then _@P@_reply choice "$commands" "$cur"; return 0; fi

  # Which positional argument is being typed: the words after the command that are neither
  # options nor option values.
  n=0
  for ((i = i + 1; i < COMP_CWORD; i++)); do
    word=${COMP_WORDS[i]}
    if [[ $word == -* || $word == "=" ]]; then
      i=$(_@P@_skip "$i" "$vals")
    else
      n=$((n + 1))
    fi
  done
  local -a kinds
  read -ra kinds <<<"$args"  # not kinds=($args): "file*" would be globbed
  kind=""
  if (( n < ${#kinds[@]} )); then
    kind=${kinds[n]}
  elif (( ${#kinds[@]} > 0 )) && [[ ${kinds[${#kinds[@]} - 1]} == *'*' ]]; then
    kind=${kinds[${#kinds[@]} - 1]}
  fi
  kind=${kind%'*'}
  if [[ $kind == choice=* ]]; then  # a positional's choices: choice=a,b
    words=${kind#choice=}
    words=${words//,/ }
    kind=choice
  fi
  _@P@_reply "$kind" "$words" "$cur"
  return 0
}
)";

// The templates name their functions _@P@…; @P@ becomes the program name.
std::string with_program(std::string_view text, const std::string& program) {
  std::string out(text);
  for (auto at = out.find("@P@"); at != std::string::npos;
       at = out.find("@P@", at + program.size()))
    out.replace(at, 3, program);
  return out;
}

// One word per positional for the bash script's `args`: its kind, "choice=a,b" with its
// choices, and a trailing '*' when it takes any number of values.
std::string positional_kinds(const CliCommand& command) {
  std::vector<std::string> kinds;
  for (const auto& p : command.positionals) {
    std::string kind = kind_word(p.kind);
    if (p.kind == ValueKind::choice) kind += "=" + join(p.choices, ",");
    kinds.push_back(kind + (p.repeatable ? "*" : ""));
  }
  return join(kinds);
}

// zsh _arguments specs need ', [, ] and : escaped inside descriptions.
std::string zsh_escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\'')
      out += "'\\''";
    else if (c == '[' || c == ']' || c == ':' || c == '\\')
      out += std::string("\\") + c;
    else
      out += c;
  }
  return out;
}

std::string zsh_action(const CliArg& arg) {
  switch (arg.kind) {
    case ValueKind::file: return "_files";
    case ValueKind::directory: return "_files -/";
    case ValueKind::choice: return "(" + join(arg.choices) + ")";
    case ValueKind::none:
    case ValueKind::opaque: return " ";
  }
  return " ";
}

// One _arguments spec per option: exclusive aliases, repeatable '*', value message and action.
void zsh_option_specs(std::ostream& out, const std::vector<CliArg>& options) {
  for (const auto& opt : options) {
    const std::string names =
        opt.names.size() > 1 ? "'{" + join(opt.names, ",") + "}'" : opt.names.front();
    out << "    '";
    if (opt.repeatable)
      out << "*" << names;  // may be given again: no exclusion list
    else if (opt.names.size() > 1)
      out << "(" << join(opt.names) << ")" << names;
    else
      out << names;
    if (opt.kind != ValueKind::none) out << "=";
    out << "[" << zsh_escape(opt.description) << "]";
    if (opt.kind != ValueKind::none)
      out << ":" << zsh_escape(opt.value_name) << ":" << zsh_action(opt);
    out << "'\n";
  }
}

}  // namespace

std::string bash_completion(const CliModel& model) {
  const std::string& p = model.program;
  std::ostringstream out;
  out << "# bash completion for " << p << ". Generated from its command-line definition by\n"
      << "# `" << p << " completion bash`; do not edit.\n\n"
      << with_program(k_bash_reply, p) << with_program(k_bash_body_start, p);
  std::vector<std::string> commands;
  for (const auto& c : model.commands) commands.push_back(c.name);
  const std::string globals = join(option_names(model.global_options, false));
  const std::string global_vals = join(option_names(model.global_options, true));
  out << "  local commands=\"" << join(commands) << "\"\n"
      << "  local opts=\"" << globals << "\" vals=\"" << global_vals << "\"\n\n"
      << "  # The command: the first word that is neither an option nor an option's value.\n"
      << "  for ((i = 1; i < COMP_CWORD; i++)); do\n"
      << "    word=${COMP_WORDS[i]}\n"
      << "    if [[ $word == -* || $word == \"=\" ]]; then\n"
      << "      i=$(_" << p << "_skip \"$i\" \"$vals\")\n"
      << "    else\n"
      << "      cmd=$word\n"
      << "      break\n"
      << "    fi\n"
      << "  done\n\n"
      << "  # Global options are accepted after the command too.\n"
      << "  case $cmd in\n";
  for (const auto& c : model.commands) {
    const std::vector<CliArg> options = own_options(c, model);
    out << "    " << c.name << ")\n"
        << "      opts=\"" << join(option_names(options, false)) << " $opts\"\n"
        << "      vals=\"" << join(option_names(options, true)) << " $vals\"\n"
        << "      args=\"" << positional_kinds(c) << "\"\n";
    if (std::any_of(options.begin(), options.end(),
                    [](const CliArg& a) { return a.kind != ValueKind::none; })) {
      out << "      case $prev in\n";
      bash_value_arms(out, options, "        ");
      out << "      esac\n";
    }
    out << "      ;;\n";
  }
  out << "  esac\n"
      << "  if [[ -z $kind ]]; then\n"
      << "    case $prev in\n";
  bash_value_arms(out, model.global_options, "      ");
  out << "    esac\n"
      << "  fi\n"
      << with_program(k_bash_body_end, p) << "complete -F _" << p << " " << p << "\n";
  return out.str();
}

std::string zsh_completion(const CliModel& model) {
  const std::string& p = model.program;
  std::ostringstream out;
  out << "#compdef " << p << "\n"
      << "# zsh completion for " << p << ". Generated from its command-line definition by\n"
      << "# `" << p << " completion zsh`; do not edit.\n\n"
      << "_" << p << "() {\n"
      << "  local curcontext=\"$curcontext\" state line ret=1\n"
      << "  typeset -A opt_args\n"
      << "  local -a global_opts commands\n"
      << "  global_opts=(\n";
  zsh_option_specs(out, model.global_options);
  out << "  )\n"
      << "  commands=(\n";
  for (const auto& c : model.commands)
    out << "    '" << zsh_escape(c.name) << ":" << zsh_escape(c.description) << "'\n";
  out << "  )\n\n"
      << "  _arguments -C $global_opts '1: :->command' '*:: :->args' && ret=0\n"
      << "  case $state in\n"
      << "    command)\n"
      << "      _describe -t commands '" << p << " command' commands && ret=0\n"
      << "      ;;\n"
      << "    args)\n"
      << "      curcontext=\"${curcontext%:*:*}:" << p << "-$line[1]:\"\n"
      << "      case $line[1] in\n";
  for (const auto& c : model.commands) {
    out << "        " << c.name << ")\n"
        << "          _arguments -s $global_opts \\\n";
    std::ostringstream specs;
    zsh_option_specs(specs, own_options(c, model));
    int index = 1;
    for (const auto& pos : c.positionals) {
      specs << "    '" << (pos.repeatable ? std::string("*") : std::to_string(index++)) << ":"
            << zsh_escape(pos.description) << ":" << zsh_action(pos) << "'\n";
    }
    std::string line;
    std::istringstream lines(specs.str());
    while (std::getline(lines, line)) out << "          " << line.substr(4) << " \\\n";
    out << "            && ret=0\n"
        << "          ;;\n";
  }
  out << "      esac\n"
      << "      ;;\n"
      << "  esac\n"
      << "  return ret\n"
      << "}\n\n"
      << "_" << p << " \"$@\"\n";
  return out.str();
}

}  // namespace glancer
