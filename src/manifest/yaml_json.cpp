#include "manifest/yaml_json.h"

#include <charconv>
#include <cmath>
#include <cstdlib>

#include "manifest/yaml_util.h"

namespace glancer::manifest {

namespace {

struct Budget {};

class Converter {
 public:
  Converter(const std::string& file, size_t max_nodes, bool positions, JsonDocument& out)
      : m_file(file), m_left(max_nodes), m_positions(positions), m_out(out) {}

  nlohmann::json convert(const YamlNode& node, const std::string& path, int depth) {
    if (m_left == 0) throw Budget{};
    --m_left;
    if (depth > 1000) throw Budget{};  // the parser refuses deeper documents anyway
    if (m_positions && !m_out.positions.count(path)) m_out.positions[path] = pos(node);
    if (node.is_sequence()) {
      nlohmann::json array = nlohmann::json::array();
      size_t i = 0;
      for (const YamlNode* item : node.items())
        array.push_back(convert(*item, child(path, std::to_string(i++)), depth + 1));
      return array;
    }
    if (node.is_map()) {
      nlohmann::json object = nlohmann::json::object();
      for (const YamlEntry& entry : node.entries()) {
        const YamlNode& key = *entry.key;
        const YamlNode& value = *entry.value;
        std::string name = key.is_scalar() ? key.scalar() : "";
        std::string member = child(path, name);
        if (m_positions) {
          m_out.positions.emplace(member + "#key", pos(key));
          if (value.is_null()) m_out.positions.emplace(member, pos(key));
        }
        if (!object.contains(name)) object[name] = convert(value, member, depth + 1);
      }
      return object;
    }
    return scalar(node);
  }

 private:
  // The path of a child node; only positions use paths, so none is built without them.
  std::string child(const std::string& path, const std::string& name) const {
    return m_positions ? path + "[" + name + "]" : std::string();
  }

  SourcePos pos(const YamlNode& node) const {
    return SourcePos{m_file, node.mark().line + 1, node.mark().column + 1};
  }

  static nlohmann::json scalar(const YamlNode& node) {
    switch (scalar_kind(node)) {
      case ScalarKind::null: return nullptr;
      case ScalarKind::boolean: {
        const std::string& s = node.scalar();
        return s == "true" || s == "True" || s == "TRUE";
      }
      case ScalarKind::integer: {
        std::string_view s = node.scalar();
        if (!s.empty() && s[0] == '+') s.remove_prefix(1);
        int64_t v = 0;
        auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
        if (ec == std::errc() && end == s.data() + s.size()) return v;
        return std::strtod(node.scalar().c_str(), nullptr);  // 0x…, 0o…, or out of range
      }
      case ScalarKind::floating: {
        double d = std::strtod(node.scalar().c_str(), nullptr);
        if (std::isfinite(d)) return d;
        return node.scalar();  // JSON has no inf or nan
      }
      default: return node.scalar();
    }
  }

  const std::string& m_file;
  size_t m_left;
  bool m_positions;
  JsonDocument& m_out;
};

}  // namespace

std::optional<JsonDocument> yaml_to_json(const YamlNode& node, const std::string& file,
                                         size_t max_nodes, bool positions) {
  JsonDocument out;
  try {
    Converter converter(file, max_nodes, positions, out);
    out.value = converter.convert(node, "<root>", 0);
  } catch (const Budget&) {
    return std::nullopt;
  }
  return out;
}

}  // namespace glancer::manifest
