#include "plan/standards.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <optional>
#include <string>

#include "manifest/scs_0102.h"

namespace glancer {

namespace {

using std::chrono::sys_seconds;
using std::chrono::system_clock;

constexpr uint64_t k_gib = uint64_t{1} << 30;

std::string gib(uint64_t bytes) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.2f GiB (%llu bytes)", static_cast<double>(bytes) / k_gib,
                static_cast<unsigned long long>(bytes));
  return buf;
}

// Each distinct URL's HEAD and each file's inspection and modification time, asked once.
struct SourceFacts {
  SourceProbe& probe;
  std::map<std::string, Result<UrlInfo>> heads;
  std::map<std::filesystem::path, Result<ImageInspection>> inspections;
  std::map<std::filesystem::path, std::optional<system_clock::time_point>> mtimes;

  const Result<UrlInfo>& head(const std::string& url) {
    auto it = heads.find(url);
    if (it == heads.end()) it = heads.emplace(url, probe.url_head(url)).first;
    return it->second;
  }
  const Result<ImageInspection>& inspection(const std::filesystem::path& file) {
    auto it = inspections.find(file);
    if (it == inspections.end()) it = inspections.emplace(file, probe.file_inspection(file)).first;
    return it->second;
  }
  std::optional<system_clock::time_point> mtime(const std::filesystem::path& file) {
    auto it = mtimes.find(file);
    if (it == mtimes.end()) it = mtimes.emplace(file, probe.file_modified(file)).first;
    return it->second;
  }
};

Error failure(const DesiredImage& d, const std::string& field, ErrorCode code,
              const std::string& message) {
  return Error{code, "image `" + d.key + "`: " + message, d.pos(field)};
}

// The build date the precedence gives, or an error when nothing names one.
Result<sys_seconds> build_date(const DesiredImage& d, SourceFacts& facts) {
  const ImageSource& src = *d.source;
  if (auto t = scs::parse_version_date(src.version)) return *t;
  std::optional<system_clock::time_point> t;
  if (!src.url.empty()) {
    const Result<UrlInfo>& head = facts.head(src.url);
    if (!head) return failure(d, "source.url", head.error().code, head.error().message);
    t = head->last_modified;
  } else {
    t = facts.mtime(src.file);
  }
  if (!t)
    return failure(d, src.url.empty() ? "source.file" : "source.url", ErrorCode::invalid_manifest,
                   "scs-0102-prop-image_build_date: neither `source.version` (not a date) nor " +
                       std::string(src.url.empty() ? "the file's modification time"
                                                   : "the mirror's Last-Modified") +
                       " gives a build date; set the property `image_build_date`");
  return std::chrono::floor<std::chrono::seconds>(*t);
}

// min_disk against the size and virtual size the source tells.
Status check_min_disk(const DesiredImage& d, SourceFacts& facts) {
  const ImageSource& src = *d.source;
  std::optional<uint64_t> size, virtual_size;
  if (!src.url.empty()) {
    const Result<UrlInfo>& head = facts.head(src.url);
    if (!head) return failure(d, "source.url", head.error().code, head.error().message);
    size = head->size;
  } else {
    const Result<ImageInspection>& inspection = facts.inspection(src.file);
    if (!inspection)
      return failure(d, "source.file", inspection.error().code, inspection.error().message);
    size = inspection->size;
    virtual_size = inspection->virtual_size;
  }
  const uint64_t disk = static_cast<uint64_t>(std::max<int64_t>(d.min_disk, 0)) * k_gib;
  const std::string have = "min_disk " + std::to_string(d.min_disk) + " GiB is smaller than ";
  if (virtual_size && *virtual_size > disk)
    return failure(d, "min_disk", ErrorCode::invalid_manifest,
                   "scs-0102-prop-min_disk: " + have + "the image's virtual size " +
                       gib(*virtual_size) + " (size " + gib(size.value_or(0)) +
                       "): a boot from a disk of min_disk fails");
  if (size && *size > disk)
    return failure(d, "min_disk", ErrorCode::invalid_manifest,
                   "scs-0102-prop-min_disk: " + have + "the image's size " + gib(*size) +
                       (virtual_size ? " (virtual size " + gib(*virtual_size) + ")" : ""));
  return {};
}

}  // namespace

std::vector<SourceFailure> apply_standards(DesiredState& desired, SourceProbe& probe,
                                           system_clock::time_point now,
                                           const std::set<size_t>& failed,
                                           const ImageSelection& only) {
  SourceFacts facts{probe, {}, {}, {}};
  std::vector<SourceFailure> failures;
  // A date in the future (an upstream dating in its own time zone, a skewed clock) becomes the
  // start of today (UTC): not after the image is made, and the same for every plan of the day
  // (capped at `now` itself it moved each minute, so the plan never settled).
  const sys_seconds now_s = std::chrono::floor<std::chrono::seconds>(now);
  const sys_seconds today = std::chrono::floor<std::chrono::days>(now_s);
  for (size_t i = 0; i < desired.images.size(); ++i) {
    DesiredImage& d = desired.images[i];
    if (!scs::follows_scs_0102(d) || !d.source || failed.count(i) || !selected(only, d)) continue;
    if (!d.properties.count("image_build_date")) {
      auto date = build_date(d, facts);
      if (!date) {
        failures.push_back({i, date.error()});
        continue;
      }
      d.properties["image_build_date"] = scs::format_build_date(*date > now_s ? today : *date);
    }
    if (Status s = check_min_disk(d, facts); !s) failures.push_back({i, s.error()});
  }
  return failures;
}

}  // namespace glancer
