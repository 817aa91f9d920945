#pragma once
/// Internal to manifest/: typed reading of YAML nodes. Every problem becomes a located
/// diagnostic (1-based line:col) instead of an exception, so one run reports them all.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/diagnostics.h"
#include "manifest/loader.h"
#include "manifest/yaml_tree.h"

namespace glancer::manifest {

/// Past this many errors in one file the rest of the file is not checked (a file that is
/// not a manifest at all would otherwise flood the output).
inline constexpr size_t k_max_errors_per_file = 100;

/// Thrown by Context to abandon the rest of a file; only the loader catches it.
struct StopFile {};

/// Per-file reading state: where diagnostics go and the bounds that protect against hostile input.
class Context {
 public:
  Context(std::string file, Diagnostics& diags) : m_file(std::move(file)), m_diags(diags) {}

  /// The file name as the caller gave it; used in every position.
  const std::string& file() const { return m_file; }
  /// The 1-based position of `node` (its mark is 0-based).
  SourcePos pos(const YamlNode& node) const;
  /// The position of the file itself (no line).
  SourcePos file_pos() const { return SourcePos{m_file, 0, 0}; }

  /// Records an error. Throws StopFile after k_max_errors_per_file errors.
  void error(SourcePos where, std::string message);
  /// Records a warning: reported, but the manifest stays valid.
  void warning(SourcePos where, std::string message);
  /// Errors recorded so far through this context.
  size_t errors() const { return m_errors; }
  /// Records how many nodes the file's text holds: visits may exceed it by k_max_alias_nodes
  /// (what aliases add), no more. Call once, after parsing.
  void set_written_nodes(size_t nodes) { m_visit_budget = nodes + k_max_alias_nodes; }
  /// Node visits allowed for this file (a file without aliases visits each node at most once,
  /// so it never reaches this bound).
  size_t visit_budget() const { return m_visit_budget; }
  /// Counts a node visit. Throws StopFile (after an error) past visit_budget().
  void visit();
  /// A `source.file` as written, resolved against `base_dir` (the manifest's folder, the same
  /// for every call on one Context), and why it cannot be an image source, e.g. "is not a
  /// regular file" (empty if it can).
  struct SourceFileCheck {
    std::filesystem::path path;
    std::string problem;
  };
  /// Checks `written` once per name: a catalogue names one file from many images.
  const SourceFileCheck& check_source_file(const std::string& written,
                                           const std::filesystem::path& base_dir);

 private:
  SourceFile m_file;
  std::unordered_map<std::string, SourceFileCheck> m_source_files;
  Diagnostics& m_diags;
  size_t m_errors = 0;
  size_t m_visits = 0;
  size_t m_visit_budget = k_max_alias_nodes;
};

/// One `name: value` entry of a mapping.
struct Field {
  std::string name;
  /// The value; a reference_wrapper so a Field stays copyable.
  std::reference_wrapper<const YamlNode> value;
  SourcePos key_pos;    ///< the key: the field's position, recorded in DesiredImage::field_pos
  SourcePos value_pos;  ///< the value; the key's position when the value is empty, because
                        ///< an empty value is marked where the next token starts
  /// "`name`", how messages name the field.
  std::string quoted() const { return "`" + name + "`"; }
};

/// Every entry of mapping `node`, in order. Reports keys that are not plain strings and
/// repeated keys ("duplicate field `x` (first at L:C)"); those entries are dropped.
std::vector<Field> read_entries(Context& ctx, const YamlNode& node);

/// Like read_entries, and also drops (reporting "unknown field `x`; did you mean `y`?") every
/// entry whose name is not in `allowed`.
std::vector<Field> read_fields(Context& ctx, const YamlNode& node,
                               std::span<const std::string_view> allowed);

/// What a scalar means under the YAML 1.2 core schema (plain scalars are resolved by their text).
enum class ScalarKind { null, boolean, integer, floating, string, other_tag };

/// The kind of scalar (or null) `node`; quoted scalars and `!!str` are strings.
ScalarKind scalar_kind(const YamlNode& node);

// Readers: each returns the value, or reports "<what> must be …" at `at` and returns nullopt.
// `what` names the value in messages, e.g. "`min_ram`" or "property `os_version`".

/// A string; a plain scalar that YAML reads as a number, boolean or null is refused with a
/// hint to quote it, since other YAML tools (and the JSON Schema) would not see a string.
std::optional<std::string> read_string(Context& ctx, const YamlNode& node, const SourcePos& at,
                                       const std::string& what);
/// `true` or `false` (YAML 1.2: not yes/no/on/off).
std::optional<bool> read_bool(Context& ctx, const YamlNode& node, const SourcePos& at,
                              const std::string& what);
/// A decimal integer in [0, max].
std::optional<int64_t> read_count(Context& ctx, const YamlNode& node, const SourcePos& at,
                                  const std::string& what, int64_t max);
/// One of `choices`; else "<what> must be one of: a, b, c; got `x`" with a suggestion if close.
std::optional<std::string> read_choice(Context& ctx, const Field& f,
                                       std::span<const std::string_view> choices);
/// True if `node` is a mapping; else reports "<what> must be a mapping".
bool expect_mapping(Context& ctx, const YamlNode& node, const SourcePos& at,
                    const std::string& what);

/// A list of strings with each item's position; non-string items are reported and skipped.
std::optional<std::vector<std::pair<std::string, SourcePos>>> read_string_list(
    Context& ctx, const YamlNode& node, const SourcePos& at, const std::string& what);

std::optional<std::string> read_string(Context& ctx, const Field& f);
std::optional<bool> read_bool(Context& ctx, const Field& f);
std::optional<int64_t> read_count(Context& ctx, const Field& f, int64_t max);

/// Number of Unicode code points in `s`, or nullopt if it is not valid UTF-8.
std::optional<size_t> utf8_length(std::string_view s);

/// `s` cut to at most `max` bytes with "…" appended when cut, for quoting input in messages.
std::string clip(std::string_view s, size_t max = 64);

}  // namespace glancer::manifest
