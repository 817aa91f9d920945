#pragma once
/// Internal to manifest/: a YAML document as JSON (the form the JSON Schema describes), with
/// the source position of every node, keyed the way valijson names the nodes it reports.

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/result.h"
#include "manifest/yaml_tree.h"

namespace glancer::manifest {

/// A converted document and where each of its nodes came from.
struct JsonDocument {
  nlohmann::json value;
  /// Node path → position. Paths are valijson's error contexts joined: "<root>",
  /// "<root>[images]", "<root>[images][0][name]". An object member's path maps to its value
  /// (to its key when the value is empty); path + "#key" maps to the key.
  std::map<std::string, SourcePos> positions;
};

/// `node` as JSON: scalars typed by the YAML 1.2 core schema (as the loader reads them),
/// mapping keys as strings, aliases expanded. Nullopt once more than `max_nodes` nodes were
/// converted (aliases can make a small file expand exponentially). Positions name `file`; with
/// `positions` false none are recorded (they cost more than the conversion, and are needed only
/// to place the problems of a document the schema refuses).
std::optional<JsonDocument> yaml_to_json(const YamlNode& node, const std::string& file,
                                         size_t max_nodes, bool positions = true);

}  // namespace glancer::manifest
