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
  Converter(const std::string& file, size_t max_nodes, JsonDocument& out)
      : m_file(file), m_left(max_nodes), m_out(out) {}

  nlohmann::json convert(const YAML::Node& node, const std::string& path, int depth) {
    if (m_left == 0) throw Budget{};
    --m_left;
    if (depth > 1000) throw Budget{};  // yaml-cpp refuses deeper documents anyway
    if (!m_out.positions.count(path)) m_out.positions[path] = pos(node);
    if (node.IsSequence()) {
      nlohmann::json array = nlohmann::json::array();
      size_t i = 0;
      for (const YAML::Node& item : node)
        array.push_back(convert(item, path + "[" + std::to_string(i++) + "]", depth + 1));
      return array;
    }
    if (node.IsMap()) {
      nlohmann::json object = nlohmann::json::object();
      for (auto it = node.begin(); it != node.end(); ++it) {
        const YAML::Node key = it->first;  // copies: it-> yields a temporary
        const YAML::Node value = it->second;
        std::string name = key.IsScalar() ? key.Scalar() : "";
        std::string member = path + "[" + name + "]";
        m_out.positions.emplace(member + "#key", pos(key));
        if (value.IsNull()) m_out.positions.emplace(member, pos(key));
        if (!object.contains(name)) object[name] = convert(value, member, depth + 1);
      }
      return object;
    }
    return scalar(node);
  }

 private:
  SourcePos pos(const YAML::Node& node) const {
    YAML::Mark m = node.Mark();
    if (m.is_null() || m.line < 0) return SourcePos{m_file, 0, 0};
    return SourcePos{m_file, m.line + 1, m.column + 1};
  }

  static nlohmann::json scalar(const YAML::Node& node) {
    switch (scalar_kind(node)) {
      case ScalarKind::null: return nullptr;
      case ScalarKind::boolean: {
        const std::string& s = node.Scalar();
        return s == "true" || s == "True" || s == "TRUE";
      }
      case ScalarKind::integer: {
        std::string_view s = node.Scalar();
        if (!s.empty() && s[0] == '+') s.remove_prefix(1);
        int64_t v = 0;
        auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
        if (ec == std::errc() && end == s.data() + s.size()) return v;
        return std::strtod(node.Scalar().c_str(), nullptr);  // 0x…, 0o…, or out of range
      }
      case ScalarKind::floating: {
        double d = std::strtod(node.Scalar().c_str(), nullptr);
        if (std::isfinite(d)) return d;
        return node.Scalar();  // JSON has no inf or nan
      }
      default: return node.Scalar();
    }
  }

  const std::string& m_file;
  size_t m_left;
  JsonDocument& m_out;
};

}  // namespace

std::optional<JsonDocument> yaml_to_json(const YAML::Node& node, const std::string& file,
                                         size_t max_nodes) {
  JsonDocument out;
  try {
    Converter converter(file, max_nodes, out);
    out.value = converter.convert(node, "<root>", 0);
  } catch (const Budget&) {
    return std::nullopt;
  }
  return out;
}

}  // namespace glancer::manifest
