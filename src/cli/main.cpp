#include "cli/run.h"

int main(int argc, char** argv) {
  return glancer::run_cli(argc, argv);
}
