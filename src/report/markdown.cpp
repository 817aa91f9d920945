#include "report/markdown.h"

#include <algorithm>

namespace glancer {

std::string html_text(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\n':
      case '\r': out += ' '; break;  // a newline would end a summary or table row
      default: out += c;
    }
  }
  return out;
}

std::string markdown_text(const std::string& text) {
  std::string out;
  for (char c : html_text(text)) {
    switch (c) {
      case '`':
      case '*':
      case '_':
      case '[':
      case ']':
      case '|':
      case '\\':
      case '#':
        out += '\\';
        out += c;
        break;
      default: out += c;
    }
  }
  return out;
}

std::string code_block(const std::string& content, const std::string& info) {
  size_t longest = 0, run = 0;
  for (char c : content) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  const std::string fence(std::max<size_t>(3, longest + 1), '`');
  std::string out = fence + info + "\n" + content;
  if (!content.empty() && content.back() != '\n') out += '\n';
  return out + fence + "\n";
}

std::string details_section(const std::string& summary_html, const std::string& body) {
  // The blank lines let GitHub and GitLab render the Markdown inside the HTML block.
  return "<details><summary>" + summary_html + "</summary>\n\n" + body + "\n</details>\n\n";
}

std::string fit_markdown(const std::string& head, const std::vector<std::string>& sections,
                         const std::string& tail, const std::string& unit, size_t limit) {
  auto note = [&](size_t left_out) {
    return "> **Note:** " + std::to_string(left_out) + " more " + unit +
           " left out to keep this report under " + std::to_string(limit) +
           " characters; see the full report with `--format human` or `--format json`.\n\n";
  };
  std::string out = head;
  size_t all = head.size() + tail.size();
  for (const std::string& s : sections) all += s.size();
  if (all <= limit) {  // everything fits: no note, nothing to reserve
    for (const std::string& s : sections) out += s;
    return out + tail;
  }
  size_t kept = 0;
  for (; kept < sections.size(); ++kept) {
    const size_t left_after = sections.size() - kept - 1;
    // Room must remain for the note that would follow if a later section does not fit.
    const size_t reserve = tail.size() + (left_after ? note(left_after).size() : 0);
    if (out.size() + sections[kept].size() + reserve > limit) break;
    out += sections[kept];
  }
  if (kept < sections.size()) out += note(sections.size() - kept);
  return out + tail;
}

}  // namespace glancer
