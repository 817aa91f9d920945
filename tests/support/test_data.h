#pragma once
/// Where the unit tests find the source tree's files.

#include <filesystem>

namespace glancer::testing {

/// tests/data of this source tree, absolute. Defined in unit/test_data.cpp, the one file compiled
/// with the checkout's path: every other test object is the same in any clone, so ccache reuses it.
std::filesystem::path test_data_dir();

}  // namespace glancer::testing
