#include "support/test_data.h"

namespace glancer::testing {

std::filesystem::path test_data_dir() {
  return GLANCER_TEST_DATA;
}

}  // namespace glancer::testing
