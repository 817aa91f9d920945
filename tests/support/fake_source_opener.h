#pragma once
/// A SourceOpener for tests: image data from memory, keyed by file path or URL; records what
/// was opened.

#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "exec/source_opener.h"
#include "support/memory_stream.h"

namespace glancer::testing {

/// Serves the bytes registered for a source's file (if set) or URL; an unknown one fails with
/// io ("cannot open FILE") or transport, like the real sources.
class FakeSourceOpener final : public SourceOpener {
 public:
  /// A local file `path` holds `data`.
  void add_file(const std::filesystem::path& path, std::string data) {
    std::lock_guard lock(m_mutex);
    m_data["file:" + path.string()] = std::move(data);
  }
  /// `url` serves `data`.
  void add_url(const std::string& url, std::string data) {
    std::lock_guard lock(m_mutex);
    m_data["url:" + url] = std::move(data);
  }
  /// The files and URLs opened so far, in order.
  std::vector<std::string> opened() const {
    std::lock_guard lock(m_mutex);
    return m_opened;
  }

  Result<std::unique_ptr<ByteSource>> open(const ImageSource& source,
                                           const std::atomic<bool>*) override {
    const bool file = !source.file.empty();
    const std::string name = file ? source.file.string() : source.url;
    std::lock_guard lock(m_mutex);
    m_opened.push_back(name);
    auto it = m_data.find((file ? "file:" : "url:") + name);
    if (it == m_data.end())
      return file ? fail(ErrorCode::io, "cannot open " + name + ": No such file or directory")
                  : fail(ErrorCode::transport, name + ": HTTP 404");
    return std::unique_ptr<ByteSource>(std::make_unique<TestSource>(it->second));
  }

 private:
  mutable std::mutex m_mutex;
  std::map<std::string, std::string> m_data;
  std::vector<std::string> m_opened;
};

}  // namespace glancer::testing
