#include "cli/terminal.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdlib>
#include <string>

namespace glancer {

bool stdout_is_terminal() {
  return isatty(STDOUT_FILENO) == 1;
}

RenderOptions render_options(const GlobalOptions& global) {
  RenderOptions options;
  const char* no_color = std::getenv("NO_COLOR");
  options.color = stdout_is_terminal() && !global.no_color && !(no_color && *no_color);
  return options;
}

int terminal_width() {
  winsize ws{};
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
  if (const char* columns = std::getenv("COLUMNS")) {
    int n = std::atoi(columns);
    if (n > 0) return n;
  }
  return 80;
}

}  // namespace glancer
