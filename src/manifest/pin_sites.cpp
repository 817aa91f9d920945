#include "manifest/pin_sites.h"

#include <unordered_map>

#include "manifest/loader.h"
#include "manifest/yaml_tree.h"

namespace glancer {

namespace {

using manifest::YamlMark;
using manifest::YamlNode;

// Byte offsets of libyaml's marks, whose columns count characters (not bytes).
class ByteOffsets {
 public:
  explicit ByteOffsets(std::string_view text) : m_text(text) {
    m_line_starts.push_back(0);
    for (size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      if (text[i] == '\n' || text[i] == '\r') m_line_starts.push_back(i + 1);
    }
  }

  size_t at(YamlMark m) const {
    if (static_cast<size_t>(m.line) >= m_line_starts.size()) return m_text.size();
    size_t i = m_line_starts[static_cast<size_t>(m.line)];
    for (int c = 0; c < m.column && i < m_text.size(); ++c) {
      ++i;  // past the lead byte, then past its continuation bytes
      while (i < m_text.size() && (static_cast<unsigned char>(m_text[i]) & 0xC0) == 0x80) ++i;
    }
    return i;
  }

 private:
  std::string_view m_text;
  std::vector<size_t> m_line_starts;
};

const YamlNode* child(const YamlNode& map, std::string_view name) {
  for (const auto& e : map.entries())
    if (e.key->is_scalar() && e.key->scalar() == name) return e.value;
  return nullptr;
}

const YamlNode* key_of(const YamlNode& map, std::string_view name) {
  for (const auto& e : map.entries())
    if (e.key->is_scalar() && e.key->scalar() == name) return e.key;
  return nullptr;
}

std::string scalar_or_empty(const YamlNode* n) {
  return n && n->is_scalar() ? n->scalar() : std::string();
}

// How often each node is reached from its document's root: more than once means it is
// anchored and aliased, i.e. shared. Each node is descended into once, so this is linear.
void count_refs(const YamlNode& n, std::unordered_map<const YamlNode*, int>& refs) {
  if (++refs[&n] > 1) return;
  for (const YamlNode* item : n.items()) count_refs(*item, refs);
  for (const auto& e : n.entries()) count_refs(*e.key, refs), count_refs(*e.value, refs);
}

struct SiteBuilder {
  std::string_view text;
  const std::string& file;
  const ByteOffsets& offsets;
  const std::unordered_map<const YamlNode*, int>& refs;

  SourcePos pos(YamlMark m) const { return SourcePos{file, m.line + 1, m.column + 1}; }

  PinScalar scalar(const YamlNode& n) const {
    PinScalar s;
    s.begin = offsets.at(n.mark());
    s.end = offsets.at(n.end());
    s.where = pos(n.mark());
    // An anchor (`&a`) or tag (`!!str`) before the value stays as written.
    s.content = s.begin;
    while (s.content < s.end && (text[s.content] == '&' || text[s.content] == '!')) {
      while (s.content < s.end && text[s.content] != ' ' && text[s.content] != '\t') ++s.content;
      while (s.content < s.end && (text[s.content] == ' ' || text[s.content] == '\t')) ++s.content;
    }
    switch (n.style()) {
      case YamlNode::Style::single_quoted: s.style = PinScalar::Style::single_quoted; break;
      case YamlNode::Style::double_quoted: s.style = PinScalar::Style::double_quoted; break;
      case YamlNode::Style::literal:
      case YamlNode::Style::folded: s.style = PinScalar::Style::block; break;
      default: s.style = PinScalar::Style::plain;
    }
    return s;
  }

  void mark_shared(const YamlNode* n, PinSite& site) const {
    if (n && site.shared_at.empty() && refs.at(n) > 1)
      site.shared_at = file + ":" + std::to_string(n->mark().line + 1);
  }

  std::optional<PinSite> site(const std::string& set, const YamlNode& image) const {
    if (!image.is_map()) return std::nullopt;
    const YamlNode* source = child(image, "source");
    const YamlNode* url = source && source->is_map() ? child(*source, "url") : nullptr;
    if (!url || !url->is_scalar()) return std::nullopt;
    PinSite site;
    site.set = set;
    site.key = scalar_or_empty(child(image, "key"));
    if (site.key.empty()) site.key = scalar_or_empty(child(image, "name"));
    site.image = pos(image.mark());
    site.url = scalar(*url);
    for (auto [name, slot] : {std::pair{"checksum", &site.checksum}, {"version", &site.version}})
      if (const YamlNode* v = child(*source, name); v && v->is_scalar()) *slot = scalar(*v);
    site.flow = source->style() == YamlNode::Style::flow;
    if (site.flow) {
      site.after_url = site.url.end;
    } else {
      const YamlNode& url_key = *key_of(*source, "url");
      size_t key_at = offsets.at(url_key.mark());
      size_t line_start = text.rfind('\n', key_at == 0 ? 0 : key_at - 1);
      line_start = line_start == std::string_view::npos || key_at == 0 ? 0 : line_start + 1;
      std::string_view before = text.substr(line_start, key_at - line_start);
      site.indent = before.find_first_not_of(' ') == std::string_view::npos
                        ? std::string(before)
                        : std::string(static_cast<size_t>(url_key.mark().column), ' ');
      size_t nl = text.find('\n', site.url.end);
      site.after_url = nl == std::string_view::npos ? text.size() : nl + 1;
    }
    for (const YamlNode* n : {&image, source, url}) mark_shared(n, site);
    for (const char* name : {"checksum", "version"}) mark_shared(child(*source, name), site);
    return site;
  }
};

}  // namespace

Result<std::vector<PinSite>> find_pin_sites(std::string_view text, const std::string& file) {
  manifest::YamlStream stream;
  if (auto problem = manifest::parse_yaml(text, k_max_manifest_nodes, stream))
    return fail(ErrorCode::invalid_manifest,
                "not valid YAML" + (problem->message.empty() ? "" : ": " + problem->message),
                SourcePos{file, problem->at.line + 1, problem->at.column + 1});
  ByteOffsets offsets(text);
  std::vector<PinSite> sites;
  for (const YamlNode* doc : stream.documents) {
    if (!doc->is_map()) continue;
    const YamlNode* metadata = child(*doc, "metadata");
    const YamlNode* images = child(*doc, "images");
    if (!metadata || !metadata->is_map() || !images || !images->is_sequence()) continue;
    std::unordered_map<const YamlNode*, int> refs;
    count_refs(*doc, refs);
    SiteBuilder builder{text, file, offsets, refs};
    std::string set = scalar_or_empty(child(*metadata, "name"));
    for (const YamlNode* image : images->items())
      if (auto site = builder.site(set, *image)) sites.push_back(std::move(*site));
  }
  return sites;
}

}  // namespace glancer
