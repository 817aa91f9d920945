#include "update/release_finder.h"

#include "core/redact.h"
#include "source/checksum_file.h"
#include "update/release_index.h"
#include "update/version_order.h"

namespace glancer {

namespace {

// `e` located at `path` of `image`, its message prefixed with the URL it concerns.
Error located(const DesiredImage& image, const std::string& path, const Error& e,
              const std::string& url = {}) {
  return Error{e.code, url.empty() ? e.message : redact_url(url) + ": " + e.message,
               image.pos(path)};
}

}  // namespace

const Result<std::string>& ReleaseFinder::text(const std::string& url) {
  auto it = m_texts.find(url);
  if (it == m_texts.end())
    it = m_texts.emplace(url, m_probe.url_text(url, k_max_index_bytes)).first;
  return it->second;
}

Result<TrackedRelease> ReleaseFinder::find(const DesiredImage& image) {
  const ImageSource& src = *image.source;
  const SourceTrack& track = *src.track;
  TrackedRelease out{image.set, image.key, image.pos("source.url"), src.version, std::nullopt};

  const Result<std::string>& index = text(track.index);
  if (!index) return located(image, "source.track.index", index.error());  // names the URL
  IndexEntries entries = read_index(*index);
  auto newest = newest_release(entries.candidates, track.match);
  if (!newest) return located(image, "source.track.match", newest.error());
  if (!*newest)
    return located(image, "source.track.match",
                   Error{ErrorCode::not_found,
                         "none of the " + std::to_string(entries.candidates.size()) +
                             (entries.checksum_file ? " files listed" : " links") + " matches `" +
                             track.match + "`",
                         {}},
                   track.index);
  const Release& release = **newest;
  if (!src.version.empty() && compare_versions(release.version, src.version) <= 0) return out;

  const std::string base = index_base(track.index);
  Pin pin;
  pin.version = release.version;
  pin.url = expand_template(track.url.empty() ? "{base}{name}" : track.url, base, release);
  std::string checksum_url = track.checksum_url.empty()
                                 ? (entries.checksum_file ? track.index : std::string())
                                 : expand_template(track.checksum_url, base, release);
  if (checksum_url.empty())
    return located(image, "source.track",
                   Error{ErrorCode::invalid_manifest,
                         "the index is an HTML listing, so `track.checksum_url` must say where "
                         "release " +
                             release.version + " publishes its checksums",
                         {}},
                   track.index);
  const Result<std::string>& sums = text(checksum_url);
  const std::string checksum_path =
      track.checksum_url.empty() ? "source.track.index" : "source.track.checksum_url";
  if (!sums) return located(image, checksum_path, sums.error());
  auto digest = find_checksum(*sums, url_file_name(pin.url));
  if (!digest) return located(image, checksum_path, digest.error(), checksum_url);
  pin.checksum = *digest;
  out.newer = std::move(pin);
  return out;
}

}  // namespace glancer
