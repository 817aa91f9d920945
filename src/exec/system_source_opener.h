#pragma once
/// The real SourceOpener: local files through FileSource, http(s) URLs through UrlSource.

#include "exec/source_opener.h"

namespace glancer {

/// Opens files from the local filesystem and streams URLs with libcurl (no retry: a failed
/// download fails the action, which removes what it created).
class SystemSourceOpener final : public SourceOpener {
 public:
  Result<std::unique_ptr<ByteSource>> open(const ImageSource& source,
                                           const std::atomic<bool>* cancel) override;
};

}  // namespace glancer
