#include "plan/source_resolver.h"

#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "core/clock.h"
#include "plan/change.h"
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

Status resolve_file(const DesiredImage& d, ImageSource& src, SourceProbe& probe,
                    std::map<std::filesystem::path, FileFacts>& files) {
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
// Each checksum_url is fetched once, a failed one too: in an outage, every image that uses it
// gets the same error without asking the mirror again.
Status resolve_url(const DesiredImage& d, ImageSource& src, SourceProbe& probe,
                   std::map<std::string, Result<std::string>>& checksum_files) {
  if (!src.checksum_url.empty()) {
    auto cached = checksum_files.find(src.checksum_url);
    if (cached == checksum_files.end())
      cached = checksum_files
                   .emplace(src.checksum_url, probe.url_text(src.checksum_url, k_max_checksum_file))
                   .first;
    if (!cached->second) return at(d, "source.checksum_url", cached->second.error());
    auto digest = find_checksum(*cached->second, url_file_name(src.url));
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

bool selected(const ImageSelection& only, const DesiredImage& image) {
  return !only || only->count(image_ref(image.set, image.key));
}

std::vector<SourceFailure> resolve_sources(DesiredState& desired, SourceProbe& probe,
                                           const ImageSelection& only) {
  std::map<std::string, Result<std::string>> checksum_files;  // one fetch per checksum_url
  std::map<std::filesystem::path, FileFacts> files;           // one stat (and digest) per file
  std::vector<SourceFailure> failures;
  for (size_t i = 0; i < desired.images.size(); ++i) {
    DesiredImage& d = desired.images[i];
    if (!d.source || !selected(only, d)) continue;
    // Resolved on a copy: an image that fails keeps exactly what its manifest says.
    ImageSource src = *d.source;
    Status status = src.url.empty() ? resolve_file(d, src, probe, files)
                                    : resolve_url(d, src, probe, checksum_files);
    if (status)
      d.source = std::move(src);
    else
      failures.push_back({i, status.error()});
  }
  return failures;
}

}  // namespace glancer
