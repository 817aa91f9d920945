#pragma once
/// Image data files of the embedded store: `<store>/blobs/<id>` holds an image's bytes. An
/// upload writes `<id>.tmp-<random>` while holding an flock on it, so recovery in any process
/// can tell a live upload (locked) from one whose writer died (unlocked), and renames it only
/// once size and hashes are known.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"

namespace glancer {

/// An owned POSIX file descriptor, closed on destruction.
class UniqueFd {
 public:
  UniqueFd() = default;
  explicit UniqueFd(int fd) : m_fd(fd) {}
  ~UniqueFd();
  UniqueFd(UniqueFd&& other) noexcept;
  UniqueFd& operator=(UniqueFd&& other) noexcept;
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;

  int get() const { return m_fd; }
  bool valid() const { return m_fd >= 0; }
  /// Closes the descriptor now (releasing any flock held through it).
  void reset();

 private:
  int m_fd = -1;
};

/// A temp file receiving an upload. Holds an exclusive flock for its whole life, including
/// after publish(), until destroyed. Destroying it unpublished removes the file.
class TempBlob {
 public:
  TempBlob(UniqueFd fd, std::filesystem::path path)
      : m_fd(std::move(fd)), m_path(std::move(path)) {}
  ~TempBlob();
  TempBlob(TempBlob&& other) noexcept;
  TempBlob& operator=(TempBlob&&) = delete;
  TempBlob(const TempBlob&) = delete;
  TempBlob& operator=(const TempBlob&) = delete;

  /// Appends all `n` bytes.
  Status write(const char* data, size_t n);
  /// Flushes the file's data to stable storage.
  Status sync();
  /// Renames the file to `final_path` (atomically replacing it); the lock stays held.
  Status publish(const std::filesystem::path& final_path);
  /// Removes the temp file now (no-op once published or discarded).
  void discard();
  const std::filesystem::path& path() const { return m_path; }

 private:
  UniqueFd m_fd;
  std::filesystem::path m_path;
  bool m_published = false;
};

/// A file found in the blobs directory; names that are neither blobs nor temp files are skipped.
struct BlobEntry {
  std::string image_id;
  std::filesystem::path path;
  bool temp = false;  ///< `<id>.tmp-<random>`
  uint64_t size = 0;
};

/// The blobs directory and the operations on its files.
class BlobDir {
 public:
  explicit BlobDir(std::filesystem::path dir) : m_dir(std::move(dir)) {}

  /// Creates the directory (and parents) if missing.
  Status ensure_exists() const;
  /// The final path of an image's data.
  std::filesystem::path blob_path(const std::string& image_id) const;
  /// Creates and locks a new temp file for an upload of `image_id`.
  Result<TempBlob> create_temp(const std::string& image_id) const;
  /// Opens an image's data for reading; not_found if there is none.
  Result<UniqueFd> open_blob(const std::string& image_id) const;
  /// Removes an image's data file; absent is fine.
  Status remove_blob(const std::string& image_id) const;
  /// fsyncs the directory so renames and unlinks in it are durable.
  Status sync() const;
  /// Lists blob and temp files.
  Result<std::vector<BlobEntry>> scan() const;
  /// Removes `image_id`'s abandoned temp files; true if a live upload still holds one.
  Result<bool> upload_in_progress(const std::string& image_id) const;
  /// Removes a temp file unless a live upload holds its lock; true if it was removed (or was
  /// already gone), false if it is in use.
  Result<bool> remove_temp_if_abandoned(const std::filesystem::path& temp_path) const;

  const std::filesystem::path& dir() const { return m_dir; }

 private:
  std::filesystem::path m_dir;
};

/// The infix that marks temp files: `<id>.tmp-<random>`.
inline constexpr const char* k_temp_infix = ".tmp-";

/// `n` random lowercase hex digits (std::random_device).
std::string random_hex(size_t n);

}  // namespace glancer
