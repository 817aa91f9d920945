#pragma once
/// The real SourceProbe: the local file system and upstream mirrors through libcurl.

#include "source/source_probe.h"

namespace glancer {

/// Answers each question with today's primitives: digest_file and FileSource for files,
/// inspect_file for content, fetch_text and probe_url (timeouts and retries from `options`)
/// for URLs. Holds no state but its options, so one instance may serve any number of plans.
class SystemSourceProbe final : public SourceProbe {
 public:
  explicit SystemSourceProbe(UrlOptions options = {}) : m_options(std::move(options)) {}

  Result<Digest> file_digest(const std::filesystem::path& path, HashAlgo algo) override;
  std::optional<std::chrono::system_clock::time_point> file_modified(
      const std::filesystem::path& path) override;
  Result<ImageInspection> file_inspection(const std::filesystem::path& path) override;
  Result<std::string> url_text(const std::string& url, size_t max_bytes) override;
  Result<UrlInfo> url_head(const std::string& url) override;

 private:
  UrlOptions m_options;
};

}  // namespace glancer
