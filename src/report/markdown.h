#pragma once
/// Building blocks of the Markdown reports (merge-request comments): escaping, code fences,
/// collapsible sections, and fitting a report under the size comment systems accept.

#include <cstddef>
#include <string>
#include <vector>

namespace glancer {

/// GitHub refuses comments over 65,536 characters; this leaves room for a CI job's own text.
inline constexpr size_t k_markdown_limit = 60000;

/// `text` safe inside raw HTML such as a <summary> (where Markdown is not parsed): & < > "
/// escaped as entities, newlines made spaces.
std::string html_text(const std::string& text);

/// `text` safe inline in Markdown, also in a table cell: html_text, plus Markdown punctuation
/// (` * _ [ ] | \ #) backslash-escaped.
std::string markdown_text(const std::string& text);

/// `content` in a fenced code block with `info` (e.g. "diff"); the fence is longer than any run
/// of backticks in `content`, so nothing inside can close it early.
std::string code_block(const std::string& content, const std::string& info);

/// A collapsible section: <details><summary>SUMMARY_HTML</summary> BODY </details>.
/// `summary_html` must already be escaped (html_text).
std::string details_section(const std::string& summary_html, const std::string& body);

/// head, then as many whole sections as fit, then tail, in at most `limit` characters. When
/// sections are left out, a note saying how many (naming them `unit`, e.g. "images") comes
/// right before the tail. head and tail are always kept.
std::string fit_markdown(const std::string& head, const std::vector<std::string>& sections,
                         const std::string& tail, const std::string& unit,
                         size_t limit = k_markdown_limit);

}  // namespace glancer
