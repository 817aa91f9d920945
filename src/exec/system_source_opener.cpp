#include "exec/system_source_opener.h"

#include "source/file_source.h"
#include "source/url_source.h"

namespace glancer {

Result<std::unique_ptr<ByteSource>> SystemSourceOpener::open(const ImageSource& source,
                                                             const std::atomic<bool>* cancel) {
  if (!source.file.empty()) {
    GLANCER_TRY(file, FileSource::open(source.file));
    return std::unique_ptr<ByteSource>(std::move(file));
  }
  UrlOptions options = m_mirror;
  options.cancel = cancel;
  GLANCER_TRY(url, UrlSource::open(source.url, options));
  return std::unique_ptr<ByteSource>(std::move(url));
}

}  // namespace glancer
