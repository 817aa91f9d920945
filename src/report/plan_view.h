#pragma once
/// Views of a plan. Every format is fed the same Plan value, so they cannot disagree.

#include <string>
#include <vector>

#include "plan/plan.h"
#include "report/format.h"

namespace glancer {

/// The plan in `format`: human, json (the saved-plan document), markdown or junit.
std::string render_plan(const Plan& plan, Format format, const RenderOptions& options = {});

/// Terraform-like text: one block per change with `+ ~ -/+ -` and attribute diffs (an image
/// that could not be planned: `!` and its located error), then the summary line and the
/// errors line; "No changes." when there is nothing to do. Coloured when options.color.
std::string render_plan_human(const Plan& plan, const RenderOptions& options = {});

/// The plan JSON document (the same as a saved plan), pretty-printed.
std::string render_plan_json(const Plan& plan);

/// A merge-request comment: heading, summary table of action counts, one collapsible section
/// per change with its diff; under k_markdown_limit characters, whole changes cut with a note.
std::string render_plan_markdown(const Plan& plan);

/// JUnit XML: one testcase per image (classname = set, name = key); a pending change is a
/// failure (the service does not match the manifests yet), and so is an image that could not
/// be planned (its error); a no-op passes.
std::string render_plan_junit(const Plan& plan);

/// "Plan: 1 to create, 2 to update, 0 to replace, 0 to rotate, 1 to delete.": every counter,
/// always, as the Markdown summary has them (a reader or a script finds each one in its place).
std::string plan_summary_line(const PlanSummary& summary);

/// What will happen to the image, e.g. "will be created", "is up to date".
const char* action_verb(Action action);

/// What happens to an image that could not be planned (Change::error), e.g. "cannot be
/// created: its source cannot be resolved".
const char* errored_verb(const Change& change);

/// "apply will skip it: it depends on REF, which cannot be planned" (blocked_changes).
std::string blocked_note(const std::string& ref);

/// "Error: N images could not be planned and will not be touched; …", or "" when none.
std::string plan_errors_line(const PlanSummary& summary);

/// The attribute diff of a change, one line per attribute with paths aligned:
/// "+ path = value", "~ path = before -> after", "- path = before -> null". Empty for deletes.
std::vector<std::string> attribute_diff_lines(const Change& change);

}  // namespace glancer
