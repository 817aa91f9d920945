#pragma once
/// How `glancer update` shows what it found: human lines and JSON (schemas/update.schema.json),
/// both fed the same UpdateResult.

#include <string>

#include "update/updater.h"

namespace glancer {

/// "set/key: FROM -> TO" per update, then a summary line; with `dry_run`, each file's unified
/// diff first and "would change". Errors are not included: they go to stderr as diagnostics.
std::string render_update_human(const UpdateResult& result, bool dry_run);

/// {format_version, dry_run, tracked, updates[{set, key, file, line, from_version, to_version,
/// url, checksum}], errors[{file, line, column, message}]} with the diffs under `diffs` when
/// `dry_run`.
std::string render_update_json(const UpdateResult& result, bool dry_run);

}  // namespace glancer
