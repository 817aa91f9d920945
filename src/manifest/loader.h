#pragma once
/// Reading manifests: YAML ImageSet documents (DESIGN.md §3) into a DesiredState, with every
/// problem of every file reported, located, into Diagnostics.

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "core/diagnostics.h"
#include "manifest/desired_state.h"

namespace glancer {

/// Largest manifest file read (16 MiB); bigger files are refused before parsing.
inline constexpr size_t k_max_manifest_bytes = size_t{16} << 20;
/// Most YAML nodes (scalars, lists, mappings, aliases) one file may hold; a bound on the memory
/// parsing takes, checked while the tree is built (manifest/yaml_tree.h).
inline constexpr size_t k_max_manifest_nodes = 100'000;

/// Loads every manifest under `paths`, in order. A path is a file (read whatever its name) or a
/// directory (every *.yaml / *.yml below it, recursively, sorted by path; names starting with
/// '.' are skipped, files and directories alike). A file reached twice is read once. Each file
/// may hold several documents (`---`); empty documents are skipped. A directory may hold
/// unrelated YAML (clouds.yaml, CI files): there a document that is not a mapping with
/// `apiVersion: glancer/…` is skipped, and one note (no position) names every file skipped in
/// the run; a directory whose files were all skipped is an error. A file named in `paths` must
/// hold manifests: its other documents are errors. Positions name files as the
/// caller spelt them (a relative path stays relative). Every problem of every file goes into
/// `diags` (never only the first); when `diags` has errors the returned state is incomplete and
/// must not be planned. A document without errors is also checked against the embedded JSON
/// Schema (a backstop: the hand-written checks give the better messages, so each problem is
/// reported once). Once every file is read, checks across images run: names unique within a
/// set, `${image.…}` references resolved (DesiredImage::references) and free of cycles. An empty
/// `paths` loads nothing: choosing a default is the caller's job.
DesiredState load_manifests(const std::vector<std::filesystem::path>& paths, Diagnostics& diags);

/// Loads the documents of one manifest given as text, as if read from `file_name` (used in
/// positions); a relative `source.file` is resolved against `base_dir` (made absolute against the
/// current directory if relative). Same checks as load_manifests; meant for tests.
DesiredState load_manifest_text(const std::string& text, const std::string& file_name,
                                const std::filesystem::path& base_dir, Diagnostics& diags);

}  // namespace glancer
