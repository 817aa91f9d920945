// Fuzz target: a manifest file's text through the whole loader (YAML, fields, defaults,
// schema, references). Any input must give diagnostics, never a crash or an exception, and
// a load without errors must describe every image it accepted.

#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_check.h"
#include "manifest/loader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace glancer;
  std::string text(reinterpret_cast<const char*>(data), size);
  Diagnostics diags;
  DesiredState state = load_manifest_text(text, "fuzz.yaml", "/nonexistent-fuzz-dir", diags);
  for (const Diagnostic& d : diags.items()) FUZZ_CHECK(!d.message.empty());
  if (!diags.has_errors())
    for (const DesiredImage& image : state.images) {
      FUZZ_CHECK(!image.key.empty());
      FUZZ_CHECK(state.has_set(image.set));
      FUZZ_CHECK(state.find(image.set, image.key) != nullptr);
    }
  return 0;
}
