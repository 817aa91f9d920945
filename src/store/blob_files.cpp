#include "store/blob_files.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <random>
#include <system_error>
#include <utility>

#include "core/uuid.h"

namespace glancer {

namespace fs = std::filesystem;

namespace {

Error errno_error(const std::string& what, int err) {
  return fail(ErrorCode::io, what + ": " + std::strerror(err));
}

}  // namespace

std::string random_hex(size_t n) {
  static const char* k_hex = "0123456789abcdef";
  std::random_device rd;
  std::string out;
  out.reserve(n);
  while (out.size() < n) {
    uint32_t bits = rd();
    for (int i = 0; i < 8 && out.size() < n; ++i, bits >>= 4) out += k_hex[bits & 0xf];
  }
  return out;
}

// ---- UniqueFd ----

UniqueFd::~UniqueFd() {
  reset();
}

UniqueFd::UniqueFd(UniqueFd&& other) noexcept : m_fd(std::exchange(other.m_fd, -1)) {}

UniqueFd& UniqueFd::operator=(UniqueFd&& other) noexcept {
  if (this != &other) {
    reset();
    m_fd = std::exchange(other.m_fd, -1);
  }
  return *this;
}

void UniqueFd::reset() {
  if (m_fd >= 0) ::close(m_fd);
  m_fd = -1;
}

// ---- TempBlob ----

TempBlob::~TempBlob() {
  discard();
}

TempBlob::TempBlob(TempBlob&& other) noexcept
    : m_fd(std::move(other.m_fd)),
      m_path(std::move(other.m_path)),
      m_published(std::exchange(other.m_published, true)) {}

Status TempBlob::write(const char* data, size_t n) {
  while (n > 0) {
    ssize_t w = ::write(m_fd.get(), data, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      return errno_error("cannot write " + m_path.string(), errno);
    }
    data += w;
    n -= static_cast<size_t>(w);
  }
  return {};
}

Status TempBlob::sync() {
  if (::fsync(m_fd.get()) != 0) return errno_error("cannot sync " + m_path.string(), errno);
  return {};
}

Status TempBlob::publish(const fs::path& final_path) {
  if (::rename(m_path.c_str(), final_path.c_str()) != 0)
    return errno_error("cannot rename " + m_path.string() + " to " + final_path.string(), errno);
  m_path = final_path;
  m_published = true;
  return {};
}

void TempBlob::discard() {
  if (m_published) return;
  m_published = true;
  // Unlink before closing: the lock must outlive the name, or another process's recovery
  // could see the file unlocked and race us to remove it (harmless, but noisy).
  ::unlink(m_path.c_str());
  m_fd.reset();
}

// ---- BlobDir ----

Status BlobDir::ensure_exists() const {
  std::error_code ec;
  fs::create_directories(m_dir, ec);
  if (ec) return fail(ErrorCode::io, "cannot create " + m_dir.string() + ": " + ec.message());
  return {};
}

fs::path BlobDir::blob_path(const std::string& image_id) const {
  return m_dir / image_id;
}

Result<TempBlob> BlobDir::create_temp(const std::string& image_id) const {
  for (int attempt = 0;; ++attempt) {
    fs::path path = m_dir / (image_id + k_temp_infix + random_hex(16));
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) {
      if (errno == EEXIST && attempt < 3) continue;
      return errno_error("cannot create " + path.string(), errno);
    }
    TempBlob temp(UniqueFd(fd), path);
    // flock (not fcntl) locks: they belong to this open file description, so they also
    // exclude other descriptors of the same process and survive the later rename.
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0)
      return errno_error("cannot lock " + path.string(), errno);
    return temp;
  }
}

Result<UniqueFd> BlobDir::open_blob(const std::string& image_id) const {
  fs::path path = blob_path(image_id);
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT)
      return fail(ErrorCode::not_found, "image " + image_id + " has no data file");
    return errno_error("cannot open " + path.string(), errno);
  }
  return UniqueFd(fd);
}

Status BlobDir::remove_blob(const std::string& image_id) const {
  fs::path path = blob_path(image_id);
  if (::unlink(path.c_str()) != 0 && errno != ENOENT)
    return errno_error("cannot remove " + path.string(), errno);
  return {};
}

Status BlobDir::sync() const {
  UniqueFd fd(::open(m_dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!fd.valid()) return errno_error("cannot open " + m_dir.string(), errno);
  if (::fsync(fd.get()) != 0) return errno_error("cannot sync " + m_dir.string(), errno);
  return {};
}

Result<std::vector<BlobEntry>> BlobDir::scan() const {
  std::vector<BlobEntry> entries;
  std::error_code ec;
  fs::directory_iterator it(m_dir, ec);
  if (ec) return fail(ErrorCode::io, "cannot list " + m_dir.string() + ": " + ec.message());
  for (; it != fs::directory_iterator(); it.increment(ec)) {
    std::string name = it->path().filename().string();
    BlobEntry entry;
    entry.path = it->path();
    if (size_t pos = name.find(k_temp_infix); pos != std::string::npos) {
      entry.image_id = name.substr(0, pos);
      entry.temp = true;
    } else {
      entry.image_id = name;
    }
    // Only our own names: anything else in the directory is left alone.
    if (!is_uuid(entry.image_id)) continue;
    std::error_code size_ec;
    auto size = fs::file_size(entry.path, size_ec);
    if (size_ec) continue;  // vanished meanwhile or not a regular file
    entry.size = size;
    entries.push_back(std::move(entry));
  }
  if (ec) return fail(ErrorCode::io, "cannot list " + m_dir.string() + ": " + ec.message());
  return entries;
}

Result<bool> BlobDir::upload_in_progress(const std::string& image_id) const {
  GLANCER_TRY(entries, scan());
  bool live = false;
  for (const auto& entry : entries) {
    if (!entry.temp || entry.image_id != image_id) continue;
    GLANCER_TRY(removed, remove_temp_if_abandoned(entry.path));
    live = live || !removed;
  }
  return live;
}

Result<bool> BlobDir::remove_temp_if_abandoned(const fs::path& temp_path) const {
  UniqueFd fd(::open(temp_path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd.valid()) {
    if (errno == ENOENT) return true;
    return errno_error("cannot open " + temp_path.string(), errno);
  }
  if (::flock(fd.get(), LOCK_EX | LOCK_NB) != 0) {
    if (errno == EWOULDBLOCK) return false;
    return errno_error("cannot lock " + temp_path.string(), errno);
  }
  if (::unlink(temp_path.c_str()) != 0 && errno != ENOENT)
    return errno_error("cannot remove " + temp_path.string(), errno);
  return true;
}

}  // namespace glancer
