#pragma once
/// The manifest JSON Schema (schemas/glancer.schema.json, embedded into the binary at build
/// time) and validation of documents against it with valijson.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace glancer {

/// The text of schemas/glancer.schema.json as it was when glancer was built.
const std::string& manifest_schema_text();

/// One schema violation: the node (valijson's context joined, e.g. "<root>[images][0][name]")
/// and valijson's description.
struct SchemaProblem {
  std::string path;
  std::string message;
  friend bool operator==(const SchemaProblem&, const SchemaProblem&) = default;
};

/// The problems of `document` (one ImageSet document as JSON) against the manifest schema:
/// only the most specific ones (valijson's "Failed to validate …" wrappers are dropped when
/// another problem lies at or below their node), at most one per node path, in valijson's order.
/// Empty if valid.
std::vector<SchemaProblem> schema_problems(const nlohmann::json& document);

/// True if `document` matches the manifest schema. Several times cheaper than schema_problems
/// (valijson stops at the first violation and records none): the check every valid document
/// pays, with schema_problems left for the documents it refuses.
bool matches_schema(const nlohmann::json& document);

}  // namespace glancer
