#include <algorithm>
#include <iostream>

#include "cli/commands.h"

namespace glancer {

int run_validate(const GlobalOptions&, const ValidateArgs& args) {
  auto desired = load_desired(args.paths);
  if (!desired) return report_error(desired.error());
  size_t sets = 0;
  std::vector<std::string> seen;
  for (const auto& s : desired->sets)
    if (std::find(seen.begin(), seen.end(), s.name) == seen.end()) seen.push_back(s.name), ++sets;
  std::cout << "The manifests are valid: " << desired->images.size() << " image"
            << (desired->images.size() == 1 ? "" : "s") << " in " << sets << " set"
            << (sets == 1 ? "" : "s") << ".\n";
  return 0;
}

}  // namespace glancer
