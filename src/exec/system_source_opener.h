#pragma once
/// The real SourceOpener: local files through FileSource, http(s) URLs through UrlSource.

#include "core/mirror_options.h"
#include "exec/source_opener.h"

namespace glancer {

/// Opens files from the local filesystem and streams URLs with libcurl under `mirror`'s
/// timeouts and retries (until the response starts; a download that fails later fails the
/// action, which removes what it created, unless the upload restarts cleanly from byte 0).
class SystemSourceOpener final : public SourceOpener {
 public:
  explicit SystemSourceOpener(MirrorOptions mirror = {}) : m_mirror(std::move(mirror)) {}
  Result<std::unique_ptr<ByteSource>> open(const ImageSource& source,
                                           const std::atomic<bool>* cancel) override;

 private:
  MirrorOptions m_mirror;
};

}  // namespace glancer
