#include "manifest/yaml_tree.h"

#include <yaml.h>

#include <map>

namespace glancer::manifest {

namespace {

YamlMark mark_of(const yaml_mark_t& m) {
  return YamlMark{static_cast<int>(m.line), static_cast<int>(m.column)};
}

std::string text_of(const yaml_char_t* s) {
  return s ? std::string(reinterpret_cast<const char*>(s)) : std::string();
}

YamlNode::Style scalar_style(yaml_scalar_style_t style) {
  switch (style) {
    case YAML_SINGLE_QUOTED_SCALAR_STYLE: return YamlNode::Style::single_quoted;
    case YAML_DOUBLE_QUOTED_SCALAR_STYLE: return YamlNode::Style::double_quoted;
    case YAML_LITERAL_SCALAR_STYLE: return YamlNode::Style::literal;
    case YAML_FOLDED_SCALAR_STYLE: return YamlNode::Style::folded;
    default: return YamlNode::Style::plain;
  }
}

bool is_null_text(std::string_view s) {
  return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL";
}

// Owns libyaml's parser and its current event, so every path out frees both.
class EventReader {
 public:
  explicit EventReader(std::string_view text) {
    yaml_parser_initialize(&m_parser);
    yaml_parser_set_input_string(&m_parser, reinterpret_cast<const unsigned char*>(text.data()),
                                 text.size());
  }
  ~EventReader() {
    if (m_has_event) yaml_event_delete(&m_event);
    yaml_parser_delete(&m_parser);
  }
  EventReader(const EventReader&) = delete;
  EventReader& operator=(const EventReader&) = delete;

  /// The next event, or nullptr on a syntax error (then problem() says which).
  const yaml_event_t* next() {
    if (m_has_event) yaml_event_delete(&m_event);
    m_has_event = yaml_parser_parse(&m_parser, &m_event) != 0;
    return m_has_event ? &m_event : nullptr;
  }

  YamlProblem problem() const {
    YamlProblem p{YamlProblem::Kind::syntax, mark_of(m_parser.problem_mark),
                  m_parser.problem ? m_parser.problem : "invalid YAML"};
    if (m_parser.context) {
      p.message += std::string(" (") + m_parser.context + " started at " +
                   std::to_string(m_parser.context_mark.line + 1) + ":" +
                   std::to_string(m_parser.context_mark.column + 1) + ")";
    }
    return p;
  }

 private:
  yaml_parser_t m_parser;
  yaml_event_t m_event;
  bool m_has_event = false;
};

}  // namespace

// Builds the tree from libyaml's events; the only writer of YamlNode.
class YamlBuilder {
 public:
  YamlBuilder(size_t max_nodes, YamlStream& out) : m_max_nodes(max_nodes), m_out(out) {}

  /// Handles one event; a problem ends the parse.
  std::optional<YamlProblem> handle(const yaml_event_t& e) {
    YamlMark at = mark_of(e.start_mark);
    switch (e.type) {
      case YAML_DOCUMENT_START_EVENT:
        m_anchors.clear();  // anchors belong to their document
        m_root = nullptr;
        return std::nullopt;
      case YAML_DOCUMENT_END_EVENT:
        m_out.documents.push_back(m_root ? m_root : &new_node(YamlNode::Kind::null, at));
        return std::nullopt;
      case YAML_ALIAS_EVENT: {
        if (auto p = count(at)) return p;
        auto it = m_anchors.find(text_of(e.data.alias.anchor));
        if (it == m_anchors.end())
          return YamlProblem{YamlProblem::Kind::syntax, at,
                             "alias *" + text_of(e.data.alias.anchor) +
                                 " names no complete anchored node before it"};
        attach(*it->second);
        return std::nullopt;
      }
      case YAML_SCALAR_EVENT: {
        if (auto p = count(at)) return p;
        const auto& s = e.data.scalar;
        if (s.length > k_max_yaml_scalar_bytes)
          return YamlProblem{YamlProblem::Kind::scalar_too_long, at, {}};
        std::string value(reinterpret_cast<const char*>(s.value), s.length);
        bool plain = s.style == YAML_PLAIN_SCALAR_STYLE;
        YamlNode::Kind kind =
            plain && !s.tag && is_null_text(value) ? YamlNode::Kind::null : YamlNode::Kind::scalar;
        YamlNode& node = new_node(kind, at);
        node.m_end = mark_of(e.end_mark);
        node.m_style = scalar_style(s.style);
        node.m_tag = s.tag ? text_of(s.tag) : plain ? "?" : "!";
        if (kind == YamlNode::Kind::scalar) node.m_scalar = std::move(value);
        if (s.anchor) m_anchors[text_of(s.anchor)] = &node;
        attach(node);
        return std::nullopt;
      }
      case YAML_SEQUENCE_START_EVENT:
        return open(YamlNode::Kind::sequence, at, e.data.sequence_start.tag,
                    e.data.sequence_start.anchor,
                    e.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE);
      case YAML_MAPPING_START_EVENT:
        return open(YamlNode::Kind::mapping, at, e.data.mapping_start.tag,
                    e.data.mapping_start.anchor,
                    e.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE);
      case YAML_SEQUENCE_END_EVENT:
      case YAML_MAPPING_END_EVENT: {
        Open done = m_open.back();
        m_open.pop_back();
        done.node->m_end = mark_of(e.end_mark);
        if (!done.anchor.empty()) m_anchors[done.anchor] = done.node;
        attach(*done.node);
        return std::nullopt;
      }
      default:  // stream start and end
        return std::nullopt;
    }
  }

 private:
  struct Open {
    YamlNode* node;
    std::string anchor;
    const YamlNode* key = nullptr;  // a mapping's key waiting for its value
  };

  std::optional<YamlProblem> count(YamlMark at) {
    if (++m_nodes > m_max_nodes) return YamlProblem{YamlProblem::Kind::too_many_nodes, at, {}};
    return std::nullopt;
  }

  std::optional<YamlProblem> open(YamlNode::Kind kind, YamlMark at, const yaml_char_t* tag,
                                  const yaml_char_t* anchor, bool flow) {
    if (auto p = count(at)) return p;
    if (m_open.size() >= k_max_yaml_depth) return YamlProblem{YamlProblem::Kind::too_deep, at, {}};
    YamlNode& node = new_node(kind, at);
    node.m_style = flow ? YamlNode::Style::flow : YamlNode::Style::block;
    node.m_tag = tag ? text_of(tag) : "?";
    m_open.push_back(Open{&node, text_of(anchor)});
    return std::nullopt;
  }

  YamlNode& new_node(YamlNode::Kind kind, YamlMark at) {
    YamlNode& node = m_out.nodes.emplace_back();
    node.m_kind = kind;
    node.m_mark = at;
    return node;
  }

  // Puts a complete node where it belongs: the document root, a sequence's next item, or a
  // mapping's next key or value.
  void attach(const YamlNode& node) {
    if (m_open.empty()) {
      m_root = &node;
      return;
    }
    Open& parent = m_open.back();
    if (parent.node->m_kind == YamlNode::Kind::sequence) {
      parent.node->m_items.push_back(&node);
    } else if (!parent.key) {
      parent.key = &node;
    } else {
      parent.node->m_entries.push_back(YamlEntry{parent.key, &node});
      parent.key = nullptr;
    }
  }

  size_t m_max_nodes;
  YamlStream& m_out;
  size_t m_nodes = 0;
  std::vector<Open> m_open;
  std::map<std::string, const YamlNode*> m_anchors;
  const YamlNode* m_root = nullptr;
};

std::optional<YamlProblem> parse_yaml(std::string_view text, size_t max_nodes, YamlStream& out) {
  EventReader reader(text);
  YamlBuilder builder(max_nodes, out);
  for (;;) {
    const yaml_event_t* e = reader.next();
    if (!e) return reader.problem();
    if (auto problem = builder.handle(*e)) return problem;
    if (e->type == YAML_STREAM_END_EVENT) return std::nullopt;
  }
}

}  // namespace glancer::manifest
