#include "cli/url_opener.h"

#include <algorithm>

#include "source/url_source.h"

namespace glancer {

UrlOpener url_source_opener() {
  return [](const std::string& url,
            const UrlFetchLimits& limits) -> Result<std::unique_ptr<ByteSource>> {
    UrlOptions options;
    if (limits.stall_limit)
      options.stall_timeout_s =
          std::max<long>(1, std::min<long>(options.stall_timeout_s, limits.stall_limit->count()));
    options.cancel = limits.cancel;
    GLANCER_TRY(source, UrlSource::open(url, options));
    return std::unique_ptr<ByteSource>(std::move(source));
  };
}

}  // namespace glancer
