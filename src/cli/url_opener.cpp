#include "cli/url_opener.h"

#include <algorithm>
#include <iostream>

#include "source/url_source.h"

namespace glancer {

MirrorOptions cli_mirror_options() {
  auto from_env = mirror_options_from_env();
  if (!from_env)
    std::cerr << "glancer: warning: " << from_env.error().message << "; using the defaults\n";
  MirrorOptions options = from_env ? *from_env : MirrorOptions{};
  // One command is one run: planning and applying share what they learnt of dead mirrors.
  static const auto unreachable = std::make_shared<UnreachableMirrors>();
  options.unreachable = unreachable;
  options.notice = [](const std::string& line) {
    std::cerr << "glancer: " + line + "\n" << std::flush;  // one write: threads may interleave
  };
  return options;
}

UrlOpener url_source_opener() {
  MirrorOptions mirror = cli_mirror_options();
  mirror.unreachable = nullptr;  // glancer serve outlives a run: a mirror may come back
  return [mirror = std::move(mirror)](
             const std::string& url,
             const UrlFetchLimits& limits) -> Result<std::unique_ptr<ByteSource>> {
    UrlOptions options = mirror;
    if (limits.stall_limit)
      options.stall_timeout_s =
          std::max<long>(1, std::min<long>(options.stall_timeout_s, limits.stall_limit->count()));
    options.cancel = limits.cancel;
    GLANCER_TRY(source, UrlSource::open(url, options));
    return std::unique_ptr<ByteSource>(std::move(source));
  };
}

}  // namespace glancer
