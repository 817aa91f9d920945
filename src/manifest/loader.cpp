#include "manifest/loader.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <new>
#include <set>
#include <system_error>

#include "manifest/document.h"
#include "manifest/references.h"
#include "manifest/schema.h"
#include "manifest/yaml_json.h"
#include "manifest/yaml_tree.h"
#include "manifest/yaml_util.h"

namespace glancer {

namespace {

namespace fs = std::filesystem;
using manifest::Context;
using manifest::StateBuilder;

SourcePos at_mark(const Context& ctx, manifest::YamlMark mark) {
  return SourcePos{ctx.file(), mark.line + 1, mark.column + 1};
}

// The position a schema problem names: the offending key for an unknown property, else the
// node, else its closest known ancestor.
SourcePos schema_problem_pos(const manifest::JsonDocument& doc, const SchemaProblem& p) {
  static const std::string k_unknown = "could not be validated using 'properties'";
  if (p.message.find(k_unknown) != std::string::npos) {
    size_t end = p.message.rfind('\'');
    size_t start = end == std::string::npos ? end : p.message.rfind('\'', end - 1);
    if (start != std::string::npos) {
      auto it =
          doc.positions.find(p.path + "[" + p.message.substr(start + 1, end - start - 1) + "]#key");
      if (it != doc.positions.end()) return it->second;
    }
  }
  for (std::string path = p.path; !path.empty(); path = path.substr(0, path.rfind('['))) {
    if (auto it = doc.positions.find(path); it != doc.positions.end()) return it->second;
    if (path.rfind('[') == std::string::npos) break;
  }
  return SourcePos{};
}

// The JSON Schema check of a document the hand-written checks found no fault in. Those give
// the better messages (suggestions, hints to quote); the schema is the backstop that keeps
// the two in step, so it never reports a second time what they already reported.
void check_schema(Context& ctx, const manifest::YamlNode& document) {
  auto plain = manifest::yaml_to_json(document, ctx.file(), manifest::k_max_visits_per_file,
                                      /*positions=*/false);
  if (!plain) {
    ctx.error(ctx.pos(document), "the document expands to too many YAML nodes through aliases");
    return;
  }
  if (matches_schema(plain->value)) return;
  // Refused: convert again, now recording where each node came from, to place the problems.
  // The same document within the same budget, so this conversion succeeds too.
  auto json = manifest::yaml_to_json(document, ctx.file(), manifest::k_max_visits_per_file);
  if (!json) return;
  for (const SchemaProblem& p : schema_problems(json->value)) {
    SourcePos at = schema_problem_pos(*json, p);
    ctx.error(at.known() ? at : ctx.pos(document),
              "does not match the manifest schema: " + p.message);
  }
}

// True when `document` says it is a glancer manifest: a mapping whose apiVersion is
// `glancer/…` (a wrong version is then reported by parse_document, not skipped).
bool is_glancer_document(const manifest::YamlNode& document) {
  if (!document.is_map()) return false;
  for (const manifest::YamlEntry& e : document.entries())
    if (e.key->is_scalar() && e.key->scalar() == "apiVersion")
      return e.value->is_scalar() && e.value->scalar().starts_with("glancer/");
  return false;
}

// What loading one file found, for the note on skipped files.
struct FileLoad {
  size_t documents = 0;         ///< non-empty documents
  std::vector<size_t> skipped;  ///< 1-based numbers of the documents skipped as unrelated
};

// Parses `text` and reads its documents into `out`. A syntax error or a bound the text
// exceeds ends here as a diagnostic: a hostile file never escapes as a crash. A file `scanned`
// from a directory may hold unrelated YAML (clouds.yaml, CI files): its documents that are not
// glancer's are skipped, not errors.
FileLoad load_text_into(const std::string& text, const std::string& file, const fs::path& base_dir,
                        bool scanned, StateBuilder& out, Diagnostics& diags) {
  FileLoad load;
  Context ctx(file, diags);
  if (text.size() > k_max_manifest_bytes) {
    diags.error(ctx.file_pos(), "file is larger than 16 MiB");
    return load;
  }
  try {
    manifest::YamlStream yaml;
    if (auto problem = manifest::parse_yaml(text, k_max_manifest_nodes, yaml)) {
      switch (problem->kind) {
        case manifest::YamlProblem::Kind::too_many_nodes:
          diags.error(ctx.file_pos(), "file has more than " + std::to_string(k_max_manifest_nodes) +
                                          " YAML nodes; split it into several files");
          break;
        case manifest::YamlProblem::Kind::too_deep:
          diags.error(at_mark(ctx, problem->at), "YAML is nested too deeply");
          break;
        case manifest::YamlProblem::Kind::syntax:
          diags.error(at_mark(ctx, problem->at), "YAML syntax error: " + problem->message);
          break;
      }
      return load;
    }
    for (const manifest::YamlNode* document : yaml.documents) {
      if (document->is_null()) continue;  // empty documents: `---` alone, or only comments
      ++load.documents;
      if (scanned && !is_glancer_document(*document)) {
        load.skipped.push_back(load.documents);
        continue;
      }
      size_t errors = ctx.errors();
      manifest::parse_document(ctx, *document, base_dir, out);
      if (ctx.errors() == errors) check_schema(ctx, *document);
    }
  } catch (const manifest::StopFile&) {
    // Context reported why.
  } catch (const std::bad_alloc&) {
    diags.error(ctx.file_pos(), "out of memory while reading this file");
  } catch (const std::exception& e) {
    diags.error(ctx.file_pos(), std::string("cannot read this file: ") + e.what());
  }
  return load;
}

// The whole of regular file `path`, at most k_max_manifest_bytes; nullopt (reported) otherwise.
std::optional<std::string> read_manifest_file(const fs::path& path, Diagnostics& diags) {
  SourcePos at{path.string(), 0, 0};
  std::error_code ec;
  fs::file_status st = fs::status(path, ec);
  if (!fs::is_regular_file(st)) {
    diags.error(at, ec ? "cannot read: " + ec.message() : "not a regular file");
    return std::nullopt;
  }
  uintmax_t size = fs::file_size(path, ec);
  if (!ec && size > k_max_manifest_bytes) {
    diags.error(at, "file is larger than 16 MiB");
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    diags.error(at, std::string("cannot read: ") + std::strerror(errno));
    return std::nullopt;
  }
  // Read with a cap as well: the file may have grown since it was measured.
  std::string text;
  char buf[1 << 16];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    text.append(buf, static_cast<size_t>(in.gcount()));
    if (text.size() > k_max_manifest_bytes) {
      diags.error(at, "file is larger than 16 MiB");
      return std::nullopt;
    }
  }
  if (in.bad()) {
    diags.error(at, "cannot read: I/O error");
    return std::nullopt;
  }
  return text;
}

bool is_hidden(const fs::path& p) {
  return p.filename().string().starts_with(".");
}

bool is_manifest_name(const fs::path& p) {
  std::string ext = p.extension().string();
  return ext == ".yaml" || ext == ".yml";
}

// Every manifest below `dir`, sorted by path, spelt `dir/…` so positions stay as relative
// as the caller's `dir`. Directory symlinks are not followed (no loops).
std::vector<fs::path> manifests_under(const fs::path& dir, Diagnostics& diags) {
  std::vector<fs::path> files;
  std::error_code ec;
  fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    const fs::directory_entry& entry = *it;
    std::error_code entry_ec;  // a broken symlink is skipped, not a failure of the listing
    if (is_hidden(entry.path())) {
      if (entry.is_directory(entry_ec)) it.disable_recursion_pending();
      continue;
    }
    if (entry.is_regular_file(entry_ec) && is_manifest_name(entry.path()))
      files.push_back(entry.path().lexically_normal());
  }
  if (ec) diags.error(SourcePos{dir.string(), 0, 0}, "cannot list directory: " + ec.message());
  std::sort(files.begin(), files.end());
  return files;
}

// "a.yaml, b.yaml (document 2)": the files of which documents were skipped.
std::string describe_skipped(const std::vector<std::pair<std::string, FileLoad>>& skipped) {
  std::string list;
  for (const auto& [file, load] : skipped) {
    if (!list.empty()) list += ", ";
    list += file;
    if (load.skipped.size() == load.documents) continue;  // the whole file
    list += load.skipped.size() == 1 ? " (document " : " (documents ";
    for (size_t i = 0; i < load.skipped.size(); ++i)
      list += (i ? ", " : "") + std::to_string(load.skipped[i]);
    list += ")";
  }
  return list;
}

fs::path absolute_dir(const fs::path& dir) {
  std::error_code ec;
  fs::path abs = fs::absolute(dir, ec);
  return (ec ? dir : abs).lexically_normal();
}

}  // namespace

DesiredState load_manifests(const std::vector<std::filesystem::path>& paths, Diagnostics& diags) {
  StateBuilder out;
  std::set<fs::path> loaded;  // canonical paths, so a file named twice is read once
  std::vector<std::pair<std::string, FileLoad>> skipped;  // files with unrelated documents
  for (const fs::path& path : paths) {
    std::error_code ec;
    fs::file_status st = fs::status(path, ec);
    if (!fs::exists(st)) {
      diags.error(SourcePos{path.string(), 0, 0}, "no such file or directory");
      continue;
    }
    const bool scanned = fs::is_directory(st);
    std::vector<fs::path> files;
    if (scanned) {
      files = manifests_under(path, diags);
      if (files.empty())
        diags.error(SourcePos{path.string(), 0, 0},
                    "no manifests (*.yaml, *.yml) in this directory");
    } else {
      files.push_back(path);
    }
    size_t read = 0, unrelated = 0;  // files of this directory read, and read but all skipped
    for (const fs::path& file : files) {
      fs::path canonical = fs::weakly_canonical(file, ec);
      if (!loaded.insert(ec ? absolute_dir(file) : canonical).second) continue;
      auto text = read_manifest_file(file, diags);
      if (!text) continue;
      FileLoad load = load_text_into(*text, file.string(), absolute_dir(file).parent_path(),
                                     scanned, out, diags);
      ++read;
      if (load.skipped.empty()) continue;
      unrelated += load.skipped.size() == load.documents;
      skipped.emplace_back(file.string(), std::move(load));
    }
    if (read > 0 && unrelated == read)
      diags.error(SourcePos{path.string(), 0, 0},
                  "no glancer manifests (documents with `apiVersion: glancer/…`) in this "
                  "directory");
  }
  // One line for the whole run, however many directories were scanned.
  if (!skipped.empty())
    diags.note(SourcePos{}, "skipped " + std::to_string(skipped.size()) + " YAML file" +
                                (skipped.size() == 1 ? "" : "s") +
                                " without `apiVersion: glancer/…`: " + describe_skipped(skipped));
  DesiredState state = out.take();
  manifest::check_across_images(state, diags);
  return state;
}

DesiredState load_manifest_text(const std::string& text, const std::string& file_name,
                                const std::filesystem::path& base_dir, Diagnostics& diags) {
  StateBuilder out;
  load_text_into(text, file_name, absolute_dir(base_dir), /*scanned=*/false, out, diags);
  DesiredState state = out.take();
  manifest::check_across_images(state, diags);
  return state;
}

}  // namespace glancer
