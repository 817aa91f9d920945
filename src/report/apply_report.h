#pragma once
/// Final reports of an apply, for CI: what happened to each image.

#include <string>

#include "report/apply_record.h"

namespace glancer {

/// A merge-request comment: heading, a table of outcome counts, one collapsible section per
/// change (failed first, then skipped, then done) with its error or diff; under
/// k_markdown_limit characters, whole changes cut with a note.
std::string render_apply_markdown(const ApplyRecorder& record);

/// JUnit XML: one testcase per change (classname = set, name = key); a failed change is a
/// <failure> with the step it was in and the error, a skipped one <skipped/>.
std::string render_apply_junit(const ApplyRecorder& record);

}  // namespace glancer
