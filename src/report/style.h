#pragma once
/// ANSI colour for human output, applied only when the CLI decided the output is a colour
/// terminal (RenderOptions::color).

#include <string>

namespace glancer {

/// What a piece of text means, not which colour it gets.
enum class Tone { added, changed, removed, replaced, good, bad, warning, strong, faint };

/// `text` wrapped in the ANSI sequence for `tone` and a reset when `color`, else unchanged.
std::string paint(const std::string& text, Tone tone, bool color);

}  // namespace glancer
