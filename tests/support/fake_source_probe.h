#pragma once
/// A SourceProbe that answers from tables and records every question, so planner tests check
/// which files were read and which URLs fetched (in the spirit of ninja's VirtualFileSystem).

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "source/source_probe.h"

namespace glancer::testing {

/// Files and URLs are known only once added; anything else is an error (files: io, URLs:
/// not_found) naming it. A file's digest is the real digest of its `data`.
class FakeSourceProbe final : public SourceProbe {
 public:
  /// A local file as the probe sees it.
  struct File {
    std::string data;  ///< what it digests to
    std::optional<std::chrono::system_clock::time_point> modified;
    ImageInspection inspection{"qcow2", {}, {}};  ///< what file_inspection answers
  };

  /// Adds (or replaces) a file.
  void add_file(const std::filesystem::path& path, File file) {
    m_files[path.lexically_normal()] = std::move(file);
  }
  /// The text served at `url` (a checksum file).
  void add_text(const std::string& url, std::string text) { m_texts[url] = std::move(text); }
  /// What a HEAD of `url` answers.
  void add_head(const std::string& url, UrlInfo info) { m_heads[url] = info; }
  /// Every question about `url` fails with `error`.
  void fail_url(const std::string& url, Error error) { m_url_errors[url] = std::move(error); }

  /// The digest of `data` in `algo`, as file_digest answers it.
  static Digest digest_of(const std::string& data, HashAlgo algo = HashAlgo::sha256) {
    Hasher hasher(algo);
    hasher.update(data.data(), data.size());
    return Digest{algo, hasher.finish()};
  }

  Result<Digest> file_digest(const std::filesystem::path& path, HashAlgo algo) override {
    digested.push_back(path);
    const File* f = find(path);
    if (!f) return missing(path);
    return digest_of(f->data, algo);
  }
  std::optional<std::chrono::system_clock::time_point> file_modified(
      const std::filesystem::path& path) override {
    stat_files.push_back(path);
    const File* f = find(path);
    return f ? f->modified : std::nullopt;
  }
  Result<ImageInspection> file_inspection(const std::filesystem::path& path) override {
    inspected.push_back(path);
    const File* f = find(path);
    if (!f) return missing(path);
    return f->inspection;
  }
  Result<std::string> url_text(const std::string& url, size_t max_bytes) override {
    fetched.push_back(url);
    if (auto e = m_url_errors.find(url); e != m_url_errors.end()) return e->second;
    auto it = m_texts.find(url);
    if (it == m_texts.end()) return fail(ErrorCode::not_found, url + ": HTTP 404");
    if (it->second.size() > max_bytes) return fail(ErrorCode::io, url + ": too large");
    return it->second;
  }
  Result<UrlInfo> url_head(const std::string& url) override {
    probed.push_back(url);
    if (auto e = m_url_errors.find(url); e != m_url_errors.end()) return e->second;
    auto it = m_heads.find(url);
    if (it == m_heads.end()) return fail(ErrorCode::not_found, url + ": HTTP 404");
    return it->second;
  }

  std::vector<std::filesystem::path> digested;    ///< file_digest calls, in order
  std::vector<std::filesystem::path> stat_files;  ///< file_modified calls, in order
  std::vector<std::filesystem::path> inspected;   ///< file_inspection calls, in order
  std::vector<std::string> fetched;               ///< url_text calls, in order
  std::vector<std::string> probed;                ///< url_head calls, in order

 private:
  const File* find(const std::filesystem::path& path) const {
    auto it = m_files.find(path.lexically_normal());
    return it == m_files.end() ? nullptr : &it->second;
  }
  static Error missing(const std::filesystem::path& path) {
    return Error{ErrorCode::io, "cannot open " + path.string() + ": no such file", {}};
  }

  std::map<std::filesystem::path, File> m_files;
  std::map<std::string, std::string> m_texts;
  std::map<std::string, UrlInfo> m_heads;
  std::map<std::string, Error> m_url_errors;
};

}  // namespace glancer::testing
