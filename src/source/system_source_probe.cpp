#include "source/system_source_probe.h"

#include "source/file_source.h"

namespace glancer {

Result<Digest> SystemSourceProbe::file_digest(const std::filesystem::path& path, HashAlgo algo) {
  return digest_file(path, algo);
}

std::optional<std::chrono::system_clock::time_point> SystemSourceProbe::file_modified(
    const std::filesystem::path& path) {
  std::error_code ec;
  auto mtime = std::filesystem::last_write_time(path, ec);
  if (ec) return std::nullopt;
  return std::chrono::time_point_cast<std::chrono::system_clock::duration>(
      std::chrono::file_clock::to_sys(mtime));
}

Result<ImageInspection> SystemSourceProbe::file_inspection(const std::filesystem::path& path) {
  return inspect_file(path);
}

Result<std::string> SystemSourceProbe::url_text(const std::string& url, size_t max_bytes) {
  return fetch_text(url, max_bytes, m_options);
}

Result<UrlInfo> SystemSourceProbe::url_head(const std::string& url) {
  return probe_url(url, m_options);
}

}  // namespace glancer
