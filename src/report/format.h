#pragma once
/// Output formats shared by the views, and what every renderer is told about the terminal.

#include <string>

namespace glancer {

/// How plan, show, drift and apply print their result.
enum class Format {
  human,     ///< text for people: aligned diffs, a one-line summary, colour on a terminal
  json,      ///< a document described by a JSON Schema in schemas/ (apply: one event per line)
  markdown,  ///< a merge-request comment: summary table, collapsible details, under 60,000 chars
  junit,     ///< JUnit XML: one testcase per image, so CI systems show drift in their test tab
};

/// "human", "json", "markdown", "junit".
const char* format_name(Format format);

/// What the renderers may use beyond the data: decided once by the CLI from the terminal,
/// --no-color and NO_COLOR.
struct RenderOptions {
  bool color = false;  ///< ANSI colour in human output
};

}  // namespace glancer
