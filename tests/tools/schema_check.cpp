// A test-only tool: validates glancer's JSON output against one of the schemas in schemas/.
//   glancer_schema_check SCHEMA FILE           FILE holds one JSON document
//   glancer_schema_check SCHEMA FILE --lines   FILE holds one JSON document per line (apply events)
// Prints every violation as "FILE:LINE: <path>: message"; exits 0 when all documents are valid,
// 1 when one is not, 2 on a usage or read error.
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

namespace {

bool read_json(const std::string& text, nlohmann::json& out) {
  out = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  return !out.is_discarded();
}

// Validates one document; prints its problems prefixed by `where`.
bool valid(const valijson::Schema& schema, const nlohmann::json& doc, const std::string& where) {
  valijson::Validator validator;
  valijson::ValidationResults results;
  valijson::adapters::NlohmannJsonAdapter target(doc);
  if (validator.validate(schema, target, &results)) return true;
  valijson::ValidationResults::Error error;
  while (results.popError(error)) {
    std::string path;
    for (const std::string& part : error.context) path += part;
    std::cerr << where << ": " << path << ": " << error.description << "\n";
  }
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: glancer_schema_check SCHEMA FILE [--lines]\n";
    return 2;
  }
  const bool lines = argc > 3 && std::string(argv[3]) == "--lines";
  std::ifstream schema_in(argv[1]), doc_in(argv[2]);
  if (!schema_in || !doc_in) {
    std::cerr << "glancer_schema_check: cannot read " << (schema_in ? argv[2] : argv[1]) << "\n";
    return 2;
  }
  std::stringstream schema_text;
  schema_text << schema_in.rdbuf();
  nlohmann::json schema_doc;
  if (!read_json(schema_text.str(), schema_doc)) {
    std::cerr << argv[1] << ": not JSON\n";
    return 2;
  }
  valijson::Schema schema;
  valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
  parser.populateSchema(valijson::adapters::NlohmannJsonAdapter(schema_doc), schema);

  bool ok = true;
  int documents = 0;
  auto check = [&](const std::string& text, const std::string& where) {
    nlohmann::json doc;
    ++documents;
    if (!read_json(text, doc)) {
      std::cerr << where << ": not JSON\n";
      ok = false;
    } else {
      ok = valid(schema, doc, where) && ok;
    }
  };
  if (lines) {
    std::string line;
    for (int n = 1; std::getline(doc_in, line); ++n)
      if (!line.empty()) check(line, std::string(argv[2]) + ":" + std::to_string(n));
  } else {
    std::stringstream text;
    text << doc_in.rdbuf();
    check(text.str(), argv[2]);
  }
  if (documents == 0) {
    std::cerr << argv[2] << ": no document\n";
    return 1;
  }
  return ok ? 0 : 1;
}
