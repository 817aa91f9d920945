#pragma once
/// What a failed command writes to stdout in a machine format, so CI report readers always get
/// a valid document: JSON (schemas/error.schema.json), JUnit (a failing testcase per
/// diagnostic) or Markdown (an error section). Human output prints nothing here: the
/// diagnostics and the error already went to stderr.

#include <string>
#include <vector>

#include "core/diagnostics.h"
#include "report/format.h"

namespace glancer {

/// Why a command failed: its error and every located diagnostic that led to it.
struct FailureReport {
  std::string command;                  ///< "plan", "drift", "validate", …
  std::string target;                   ///< the service's description; "" if none was opened
  std::string message;                  ///< the error, e.g. "the manifests have 2 errors"
  std::vector<Diagnostic> diagnostics;  ///< sorted by position; warnings and notes included
};

/// The document for `format`; "" for Format::human.
std::string render_failure(const FailureReport& report, Format format);

}  // namespace glancer
