#pragma once
/// Lets doctest print a list of strings (messages, events, calls) when a comparison fails.

#include <doctest/doctest.h>

#include <string>
#include <vector>

/// One string per line, quoted.
template <>
struct doctest::StringMaker<std::vector<std::string>> {
  static doctest::String convert(const std::vector<std::string>& v) {
    std::string s = "{";
    for (const auto& m : v) s += "\n  \"" + m + "\"";
    return (s + "\n}").c_str();
  }
};
