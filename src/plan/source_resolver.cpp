#include "plan/source_resolver.h"

#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "core/clock.h"
#include "source/checksum_file.h"

namespace glancer {

namespace {

// A release label from a time: "2024-02-01 12:00" (UTC).
std::string release_label(std::chrono::system_clock::time_point t) {
  return format_utc(t).substr(0, 16).replace(10, 1, " ");
}

Error at(const DesiredImage& d, const std::string& field, const Error& e) {
  return Error{e.code, "image `" + d.key + "`: " + e.message, d.pos(field)};
}

// What a local file gives every image made from it, read once per distinct file.
struct FileFacts {
  std::string version;  ///< release label from the modification time; empty if unknown
  std::optional<Result<Digest>> sha256;  ///< streamed the first time an image needs it
};

Status resolve_file(DesiredImage& d, SourceProbe& probe,
                    std::map<std::filesystem::path, FileFacts>& files) {
  ImageSource& src = *d.source;
  auto [it, first] = files.try_emplace(src.file);
  FileFacts& facts = it->second;
  if (first)
    if (auto mtime = probe.file_modified(src.file)) facts.version = release_label(*mtime);
  if (src.version.empty()) src.version = facts.version;  // the release label: the file's mtime
  if (src.checksum) return {};  // verified while uploading, no need to read it now
  if (!facts.sha256) facts.sha256 = probe.file_digest(src.file, HashAlgo::sha256);
  if (!*facts.sha256) return at(d, "source.file", facts.sha256->error());
  src.checksum = **facts.sha256;
  return {};
}

// checksum_url: the digest upstream publishes now for the URL's file; the mirror's
// Last-Modified: the release label when the manifest gives none.
Status resolve_url(DesiredImage& d, SourceProbe& probe,
                   std::map<std::string, std::string>& checksum_files) {
  ImageSource& src = *d.source;
  if (!src.checksum_url.empty()) {
    auto cached = checksum_files.find(src.checksum_url);
    if (cached == checksum_files.end()) {
      auto text = probe.url_text(src.checksum_url, k_max_checksum_file);
      if (!text) return at(d, "source.checksum_url", text.error());
      cached = checksum_files.emplace(src.checksum_url, std::move(*text)).first;
    }
    auto digest = find_checksum(cached->second, url_file_name(src.url));
    if (!digest)
      return at(d, "source.checksum_url",
                Error{digest.error().code, src.checksum_url + ": " + digest.error().message, {}});
    if (src.checksum && !(*src.checksum == *digest))
      return at(d, "source.checksum",
                Error{ErrorCode::checksum_mismatch,
                      "the pinned checksum " + src.checksum->to_string() + " differs from " +
                          digest->to_string() + " published at " + src.checksum_url,
                      {}});
    src.checksum = *digest;
  }
  // Without a digest the release label is what tells a new upstream file; ask the mirror.
  if (src.version.empty() || !src.checksum) {
    auto info = probe.url_head(src.url);
    if (!info) return at(d, "source.url", info.error());
    if (src.version.empty() && info->last_modified)
      src.version = release_label(*info->last_modified);
  }
  return {};
}

}  // namespace

Status resolve_sources(DesiredState& desired, SourceProbe& probe) {
  std::map<std::string, std::string> checksum_files;  // one fetch per checksum_url
  std::map<std::filesystem::path, FileFacts> files;   // one stat (and digest) per file
  for (DesiredImage& d : desired.images) {
    if (!d.source) continue;
    GLANCER_CHECK(d.source->url.empty() ? resolve_file(d, probe, files)
                                        : resolve_url(d, probe, checksum_files));
  }
  return {};
}

}  // namespace glancer
