#pragma once
// What the fuzz targets share: a property check that aborts (a crash libFuzzer records and the
// corpus regression test fails on) rather than an assert compiled out of release builds.

#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(cond)                                                                    \
  do {                                                                                      \
    if (!(cond)) {                                                                          \
      std::fprintf(stderr, "%s:%d: fuzz property failed: %s\n", __FILE__, __LINE__, #cond); \
      std::abort();                                                                         \
    }                                                                                       \
  } while (0)
