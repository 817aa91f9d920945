#pragma once
/// One function per command; run.cpp wires them to the CLI11 command table.

#include <string>
#include <vector>

#include "cli/context.h"

namespace glancer {

struct ValidateArgs {
  std::vector<std::string> paths;
};
/// `glancer validate`: exit 0 valid, 1 invalid.
int run_validate(const GlobalOptions& global, const ValidateArgs& args);

struct PlanArgs {
  std::vector<std::string> paths;
  std::string out;
  bool detailed_exitcode = false;
  std::string format = "human";
};
/// `glancer plan`: exit 0, 1 error, 2 changes with --detailed-exitcode.
int run_plan(const GlobalOptions& global, const PlanArgs& args);

struct ApplyArgs {
  std::vector<std::string> paths;  ///< manifests, or exactly one saved plan file
  bool auto_approve = false;
};
/// `glancer apply`: exit 0 ok, 1 error or any failed change.
int run_apply(const GlobalOptions& global, const ApplyArgs& args);

struct ShowArgs {
  std::string plan_file;
  std::string format = "human";
};
/// `glancer show PLANFILE`: exit 0, 1.
int run_show(const GlobalOptions& global, const ShowArgs& args);

struct DriftArgs {
  std::vector<std::string> paths;
  std::string format = "human";
  bool ignore_unmanaged = false;
};
/// `glancer drift`: exit 0 no drift, 1 error, 2 drift.
int run_drift(const GlobalOptions& global, const DriftArgs& args);

}  // namespace glancer
