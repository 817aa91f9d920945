#pragma once
/// What the CLI knows about where its output goes: a terminal or not, colour or not, how wide.

#include "cli/context.h"
#include "report/format.h"

namespace glancer {

/// True when stdout is a terminal (isatty), so live, redrawn views make sense.
bool stdout_is_terminal();

/// Colour only on a terminal, and never with --no-color or a non-empty NO_COLOR (no-color.org).
RenderOptions render_options(const GlobalOptions& global);

/// The terminal's width in columns (TIOCGWINSZ on stdout, else $COLUMNS, else 80).
int terminal_width();

}  // namespace glancer
