#include "update/pin_rewrite.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <regex>

#include "manifest/pin_sites.h"

namespace glancer {

namespace {

// One replacement of bytes [begin, end) by `text`; an insertion has begin == end.
struct Edit {
  size_t begin;
  size_t end;
  std::string text;
};

// True if `s` written plain is read back by YAML 1.2 (core schema) as this very string in
// block and flow context alike.
bool plain_safe(std::string_view s) {
  if (s.empty()) return false;
  static const std::regex k_non_string(
      R"([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|0x[0-9a-fA-F]+|0o[0-7]+|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)|true|True|TRUE|false|False|FALSE|null|Null|NULL|~)");
  if (std::regex_match(s.begin(), s.end(), k_non_string)) return false;
  if (std::string_view("-?:,[]{}#&*!|>'\"%@`").find(s[0]) != std::string_view::npos) return false;
  return std::all_of(s.begin(), s.end(), [](unsigned char c) {
    return std::isalnum(c) ||
           std::string_view("._/:@%+~=-;$()").find(static_cast<char>(c)) != std::string_view::npos;
  });
}

std::string double_quoted(std::string_view s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\', out += static_cast<char>(c);
    } else if (c < 0x20 || c == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

std::string single_quoted(std::string_view s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

// `value` written in `style` (a plain value that is not plain-safe is double-quoted).
std::string render(std::string_view value, PinScalar::Style style) {
  switch (style) {
    case PinScalar::Style::single_quoted:
      if (std::all_of(value.begin(), value.end(), [](unsigned char c) { return c >= 0x20; }))
        return single_quoted(value);
      return double_quoted(value);
    case PinScalar::Style::plain:
      if (plain_safe(value)) return std::string(value);
      return double_quoted(value);
    default: return double_quoted(value);
  }
}

Error cannot_pin(const PinSite& site, const std::string& why) {
  return Error{ErrorCode::invalid_manifest, "cannot pin " + site.set + "/" + site.key + ": " + why,
               site.url.where};
}

// The edits of one change at `site`; false (with `error`) if it cannot be made.
bool edits_for(std::string_view text, const PinSite& site, const Pin& pin, std::vector<Edit>& edits,
               Error& error) {
  if (!site.shared_at.empty()) {
    error = cannot_pin(site, "the value is shared, defined at " + site.shared_at);
    return false;
  }
  const std::string checksum = pin.checksum.to_string();
  std::vector<Edit> mine;
  auto replace = [&](const PinScalar& s, const std::string& value) {
    if (s.style == PinScalar::Style::block) return false;
    mine.push_back(Edit{s.content, s.end, render(value, s.style)});
    return true;
  };
  bool ok = replace(site.url, pin.url);
  if (ok && site.checksum) ok = replace(*site.checksum, checksum);
  if (ok && site.version) ok = replace(*site.version, pin.version);
  if (!ok) {
    error = cannot_pin(site, "a pin is a block scalar (| or >); write it on one line");
    return false;
  }
  std::string inserted;
  if (site.flow) {
    if (!site.checksum) inserted += ", checksum: " + render(checksum, PinScalar::Style::plain);
    if (!site.version) inserted += ", version: " + double_quoted(pin.version);
  } else {
    bool crlf =
        site.after_url >= 2 && text[site.after_url - 1] == '\n' && text[site.after_url - 2] == '\r';
    std::string eol = crlf ? "\r\n" : "\n";
    if (site.after_url == text.size() && !text.empty() && text.back() != '\n')
      inserted += eol;  // the url's line was the file's last, without a line break
    if (!site.checksum)
      inserted += site.indent + "checksum: " + render(checksum, PinScalar::Style::plain) + eol;
    if (!site.version) inserted += site.indent + "version: " + double_quoted(pin.version) + eol;
  }
  if (!inserted.empty()) mine.push_back(Edit{site.after_url, site.after_url, inserted});
  edits.insert(edits.end(), mine.begin(), mine.end());
  return true;
}

}  // namespace

Result<Rewritten> rewrite_pins(std::string_view text, const std::string& file,
                               const std::vector<PinChange>& changes) {
  auto sites = find_pin_sites(text, file);
  if (!sites) return sites.error();
  Rewritten out;
  std::vector<Edit> edits;
  for (const PinChange& change : changes) {
    auto site = std::find_if(sites->begin(), sites->end(), [&](const PinSite& s) {
      return s.set == change.set && s.key == change.key;
    });
    if (site == sites->end()) {
      out.failed.push_back(Error{ErrorCode::not_found,
                                 "cannot pin " + change.set + "/" + change.key +
                                     ": no `source.url` of that image in this file",
                                 SourcePos{file, 0, 0}});
      continue;
    }
    Error error;
    if (edits_for(text, *site, change.pin, edits, error))
      out.done.push_back(change);
    else
      out.failed.push_back(std::move(error));
  }
  // From the back, so earlier offsets stay valid: an insertion just past a replaced value
  // (flow style) is made first and stays after it. Sites never overlap.
  std::stable_sort(edits.begin(), edits.end(),
                   [](const Edit& a, const Edit& b) { return a.begin > b.begin; });
  out.text = std::string(text);
  for (const Edit& e : edits) out.text.replace(e.begin, e.end - e.begin, e.text);
  return out;
}

}  // namespace glancer
