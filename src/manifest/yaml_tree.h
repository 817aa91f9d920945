#pragma once
/// Internal to manifest/: YAML text as a tree of nodes with their positions, parsed by libyaml
/// in one streaming pass that also enforces the bounds against hostile files (node count,
/// nesting depth), so nothing unbounded is ever built.

#include <cstddef>
#include <deque>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace glancer::manifest {

/// A position in the text, 0-based like libyaml's marks (an int: manifests are at most 64 MiB).
struct YamlMark {
  int line = 0;
  int column = 0;
};

class YamlNode;

/// One `key: value` pair of a mapping, in the order written.
struct YamlEntry {
  const YamlNode* key;
  const YamlNode* value;
};

/// A node of the tree. Aliases are resolved: an alias is the anchored node itself, so a node
/// may be reached through several parents (never through itself: an anchor is known only once
/// its node is complete).
class YamlNode {
 public:
  enum class Kind { null, scalar, sequence, mapping };

  bool is_null() const { return m_kind == Kind::null; }
  bool is_scalar() const { return m_kind == Kind::scalar; }
  bool is_sequence() const { return m_kind == Kind::sequence; }
  bool is_map() const { return m_kind == Kind::mapping; }

  /// A scalar's text (empty for other kinds).
  const std::string& scalar() const { return m_scalar; }
  /// The tag, as the rest of manifest/ reads it: an explicit tag resolved (`!!str` is
  /// "tag:yaml.org,2002:str"), else "?" for a plain scalar or a collection and "!" for a quoted
  /// or block scalar. A plain untagged `~`, `null`, `Null`, `NULL` or empty scalar is a null node.
  const std::string& tag() const { return m_tag; }
  /// Where the node starts (its anchor or tag, if any, else its first character).
  YamlMark mark() const { return m_mark; }
  /// Where the node ends: just past a scalar's last character (its closing quote included) or
  /// a flow collection's closing bracket; a block collection ends where the next token starts.
  YamlMark end() const { return m_end; }
  /// How the node is written: a scalar's quoting or block style, a collection's flow or block.
  enum class Style { plain, single_quoted, double_quoted, literal, folded, block, flow };
  Style style() const { return m_style; }

  /// A sequence's items (empty for other kinds).
  std::span<const YamlNode* const> items() const { return m_items; }
  /// A mapping's entries in order, repeated keys included (empty for other kinds).
  std::span<const YamlEntry> entries() const { return m_entries; }

 private:
  friend class YamlBuilder;
  Kind m_kind = Kind::null;
  YamlMark m_mark;
  YamlMark m_end;
  Style m_style = Style::plain;
  std::string m_tag;
  std::string m_scalar;
  std::vector<const YamlNode*> m_items;
  std::vector<YamlEntry> m_entries;
};

/// Every document of one YAML text; owns the nodes.
struct YamlStream {
  /// The documents' roots in order; an empty document (`---` alone) is a null node.
  std::vector<const YamlNode*> documents;
  std::deque<YamlNode> nodes;
};

/// Why a text was refused.
struct YamlProblem {
  enum class Kind { syntax, too_many_nodes, too_deep, scalar_too_long } kind;
  YamlMark at;
  /// For syntax: libyaml's description, with what it was parsing and where that started.
  std::string message;
};

/// Most collections open at once; a manifest needs about six.
inline constexpr size_t k_max_yaml_depth = 256;
/// Longest scalar (1 MiB): the longest value Glance stores is 65,535 bytes.
inline constexpr size_t k_max_yaml_scalar_bytes = size_t{1} << 20;

/// Parses `text` (UTF-8) into `out`. Refuses, with the position, a syntax error (an undefined
/// or recursive alias included), more than `max_nodes` nodes (scalars, collections, aliases),
/// collections nested deeper than k_max_yaml_depth or a scalar longer than
/// k_max_yaml_scalar_bytes; the check happens while reading, before more than `max_nodes` nodes
/// exist.
std::optional<YamlProblem> parse_yaml(std::string_view text, size_t max_nodes, YamlStream& out);

}  // namespace glancer::manifest
