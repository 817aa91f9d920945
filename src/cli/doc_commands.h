#pragma once

namespace CLI {
class App;
}

namespace glancer {

/// Adds the commands `completion bash|zsh` and `man` to `app`. Their callbacks describe
/// `app` as it stands when the command line is parsed (so call this at any point of building it),
/// print a completion script or the roff man page to stdout, and set `code` to 0.
void add_doc_commands(CLI::App& app, int& code);

}  // namespace glancer
