#pragma once

namespace glancer {

/// glancer's version, e.g. "0.2.0", "0.2.0-3-gabc1234-dirty", or "0.1.0-gabc1234" when no
/// v* tag is reachable; the project version alone outside a git checkout. Defined in a source
/// file generated at every build by cmake/GlancerVersion.cmake, so a new commit recompiles
/// that one file only.
const char* version();

}  // namespace glancer
