#include "manifest/schema.h"

#include <memory>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

namespace glancer {

namespace {

// Generated from schemas/glancer.schema.json by the top-level CMakeLists.txt.
#include "glancer_schema.inc"

// The parsed schema, built once: it never changes while glancer runs.
const valijson::Schema& parsed_schema() {
  static const std::unique_ptr<valijson::Schema> schema = [] {
    auto s = std::make_unique<valijson::Schema>();
    nlohmann::json document = nlohmann::json::parse(manifest_schema_text());
    valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
    parser.populateSchema(valijson::adapters::NlohmannJsonAdapter(document), *s);
    return s;
  }();
  return *schema;
}

std::string joined(const std::vector<std::string>& context) {
  std::string out;
  for (const std::string& part : context) out += part;
  return out;
}

bool is_wrapper(const std::string& message) {
  return message.starts_with("Failed to validate");
}

}  // namespace

const std::string& manifest_schema_text() {
  static const std::string text = k_glancer_schema;
  return text;
}

bool matches_schema(const nlohmann::json& document) {
  valijson::Validator validator;
  return validator.validate(parsed_schema(), valijson::adapters::NlohmannJsonAdapter(document),
                            nullptr);
}

std::vector<SchemaProblem> schema_problems(const nlohmann::json& document) {
  valijson::Validator validator;
  valijson::ValidationResults results;
  valijson::adapters::NlohmannJsonAdapter target(document);
  if (validator.validate(parsed_schema(), target, &results)) return {};

  std::vector<SchemaProblem> all;
  valijson::ValidationResults::Error error;
  while (results.popError(error)) all.push_back({joined(error.context), error.description});
  std::vector<SchemaProblem> out;
  for (const SchemaProblem& p : all) {
    if (is_wrapper(p.message)) {
      // A wrapper says only that something below failed: keep it only if nothing more
      // specific was reported at or below its node.
      bool covered = false;
      for (const SchemaProblem& q : all)
        covered = covered || (&q != &p && q.path.starts_with(p.path) &&
                              (!is_wrapper(q.message) || q.path.size() > p.path.size()));
      if (covered) continue;
    }
    bool seen = false;
    for (const SchemaProblem& q : out) seen = seen || q.path == p.path;
    if (!seen) out.push_back(p);
  }
  return out;
}

}  // namespace glancer
