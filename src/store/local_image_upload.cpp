// LocalImageService: image data in and out.
//
// An upload takes the write lock three times, briefly: to mark the image saving and create its
// locked temp file, to publish the file and record size and hashes, and (on failure) to put
// the image back to queued. The data streams in between with no lock held, through one
// k_chunk_size buffer.
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <vector>

#include "core/hashing.h"
#include "store/image_rows.h"
#include "store/local_image_service.h"

namespace glancer {

namespace {

using Mode = SqliteTransaction::Mode;

std::string bytes(uint64_t n) {
  return std::to_string(n) + " bytes";
}

}  // namespace

Result<TempBlob> LocalImageService::begin_upload(const std::string& id,
                                                 std::optional<uint64_t> declared_size) {
  std::lock_guard lock(m_mutex);
  GLANCER_TRY(txn, SqliteTransaction::begin(m_db, Mode::immediate));
  GLANCER_TRY(image, load_existing(id));
  if (image.status == "saving") {
    // A writer that died leaves 'saving' behind until the next open() recovers it; a
    // long-running process (glancer serve) may never reopen, so reclaim it here. Safe for the
    // reason recovery is: every live upload holds its temp file's lock.
    GLANCER_TRY(busy, m_blobs.upload_in_progress(id));
    if (busy) return fail(ErrorCode::conflict, "image " + id + " is already receiving data");
  } else if (image.status != "queued") {
    return fail(ErrorCode::conflict, "image " + id + " is " + image.status +
                                         "; data can only be uploaded to a queued image");
  }
  if (!image.disk_format || !image.container_format)
    return fail(
        ErrorCode::invalid_argument,
        "disk_format and container_format must be set before uploading data to image " + id);
  if (declared_size && *declared_size > m_options.image_size_cap)
    return fail(ErrorCode::quota, "image data of " + bytes(*declared_size) +
                                      " exceeds the size cap of " +
                                      bytes(m_options.image_size_cap));
  // Created under the write lock so that recovery, which also holds it, never sees a temp file
  // that exists but is not yet locked.
  GLANCER_TRY(temp, m_blobs.create_temp(id));
  GLANCER_CHECK(db_reset_upload_fields(id, "saving"));
  GLANCER_CHECK(txn.commit());
  return temp;
}

Status LocalImageService::db_reset_upload_fields(const std::string& id, const std::string& status) {
  return m_db.run(
      "UPDATE images SET status = ?, size = NULL, virtual_size = NULL, checksum = NULL,"
      " os_hash_algo = NULL, os_hash_value = NULL, updated_at = ? WHERE id = ?",
      status, utc_now(*m_options.clock), id);
}

Result<Image> LocalImageService::finish_upload(const std::string& id, TempBlob& temp, int64_t size,
                                               const std::string& md5, const std::string& sha512) {
  std::lock_guard lock(m_mutex);
  GLANCER_TRY(txn, SqliteTransaction::begin(m_db, Mode::immediate));
  GLANCER_TRY(current, load_image(m_db, id));
  if (!current) return fail(ErrorCode::not_found, "image " + id + " was deleted during the upload");
  if (current->status != "saving")
    return fail(ErrorCode::conflict,
                "image " + id + " became " + current->status + " during the upload");

  Image image = std::move(*current);
  image.status = "active";
  image.size = size;
  image.checksum = md5;
  image.os_hash_algo = "sha512";
  image.os_hash_value = sha512;
  image.updated_at = utc_now(*m_options.clock);

  GLANCER_CHECK(temp.publish(m_blobs.blob_path(id)));
  Status recorded = [&]() -> Status {
    // The rename must be durable before the commit says 'active', or a power loss could
    // leave an active image with no data.
    GLANCER_CHECK(m_blobs.sync());
    GLANCER_CHECK(
        m_db.run("UPDATE images SET status = 'active', size = ?, checksum = ?, os_hash_algo = ?,"
                 " os_hash_value = ?, updated_at = ? WHERE id = ?",
                 size, md5, *image.os_hash_algo, sha512, image.updated_at, id));
    return txn.commit();
  }();
  if (!recorded.ok()) {
    (void)m_blobs.remove_blob(id);
    return recorded.error();
  }
  return image;
}

void LocalImageService::revert_upload(const std::string& id) {
  // Best effort: if this fails too, the image stays 'saving' without a locked temp file, which
  // the next open() or upload() recognizes as abandoned and resets.
  std::lock_guard lock(m_mutex);
  auto txn = SqliteTransaction::begin(m_db, Mode::immediate);
  if (!txn.ok()) return;
  auto current = load_image(m_db, id);
  if (!current.ok() || !*current || (*current)->status != "saving") return;
  if (db_reset_upload_fields(id, "queued").ok()) (void)txn->commit();
}

Result<Image> LocalImageService::upload(const std::string& id, ByteSource& data) {
  const std::optional<uint64_t> declared = data.size();
  GLANCER_TRY(temp, begin_upload(id, declared));

  Hasher md5(HashAlgo::md5);
  Hasher sha512(HashAlgo::sha512);
  uint64_t total = 0;
  Status streamed = [&]() -> Status {
    std::vector<char> buf(k_chunk_size);
    for (;;) {
      GLANCER_TRY(n, data.read(buf.data(), buf.size()));
      if (n == 0) break;
      if (total + n > m_options.image_size_cap)
        return fail(ErrorCode::quota,
                    "image data exceeds the size cap of " + bytes(m_options.image_size_cap));
      if (declared && total + n > *declared)
        return fail(ErrorCode::io,
                    "the source of image " + id + " delivered more than its " + bytes(*declared));
      md5.update(buf.data(), n);
      sha512.update(buf.data(), n);
      GLANCER_CHECK(temp.write(buf.data(), n));
      total += n;
    }
    if (declared && total != *declared)
      return fail(ErrorCode::io, "the source of image " + id + " ended after " + bytes(total) +
                                     " of " + bytes(*declared));
    return temp.sync();
  }();

  Result<Image> result = streamed.ok() ? finish_upload(id, temp, static_cast<int64_t>(total),
                                                       md5.finish(), sha512.finish())
                                       : Result<Image>(streamed.error());
  if (!result.ok()) {
    temp.discard();
    revert_upload(id);
  }
  return result;
}

Status LocalImageService::download(const std::string& id, ByteSink& sink,
                                   std::optional<ByteRange> range) {
  Image image;
  UniqueFd fd;
  {
    std::lock_guard lock(m_mutex);
    GLANCER_TRY(txn, SqliteTransaction::begin(m_db, Mode::deferred));
    GLANCER_TRY(found, load_existing(id));
    image = std::move(found);
    if (image.status == "deactivated")
      return fail(ErrorCode::forbidden,
                  "image " + id + " is deactivated; its data cannot be downloaded");
    if (image.status != "active") return {};  // no data yet: Glance answers 204
    auto opened = m_blobs.open_blob(id);
    if (!opened.ok()) {
      if (opened.error().code != ErrorCode::not_found) return opened.error();
      // Another process may have deleted the image since our read: that is not_found.
      GLANCER_CHECK(txn.commit());
      GLANCER_TRY(still, load_image(m_db, id));
      if (!still) return fail(ErrorCode::not_found, "image " + id + " was deleted");
      return fail(ErrorCode::io, "the data file of active image " + id + " is missing");
    }
    fd = std::move(opened).value();
  }
  // From here the open descriptor keeps the data readable even if the image is deleted.
  const uint64_t size = static_cast<uint64_t>(image.size.value_or(0));
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0 || static_cast<uint64_t>(st.st_size) != size)
    return fail(ErrorCode::io,
                "the data file of image " + id + " does not have its recorded " + bytes(size));

  uint64_t first = 0;
  uint64_t end = size;  // exclusive
  if (range) {
    if (range->first >= size)
      return fail(ErrorCode::invalid_argument, "range start " + std::to_string(range->first) +
                                                   " is past the end of image " + id + " (" +
                                                   bytes(size) + ")");
    if (range->last && *range->last < range->first)
      return fail(ErrorCode::invalid_argument, "range end is before its start");
    first = range->first;
    if (range->last && *range->last < size) end = *range->last + 1;
  }

  std::vector<char> buf(static_cast<size_t>(std::min<uint64_t>(k_chunk_size, end - first)));
  for (uint64_t pos = first; pos < end;) {
    size_t want = static_cast<size_t>(std::min<uint64_t>(buf.size(), end - pos));
    ssize_t n = ::pread(fd.get(), buf.data(), want, static_cast<off_t>(pos));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0)
      return fail(ErrorCode::io, "cannot read data of image " + id + ": " + std::strerror(errno));
    if (n == 0)
      return fail(ErrorCode::io, "the data file of image " + id + " is shorter than recorded");
    GLANCER_CHECK(sink.write(buf.data(), static_cast<size_t>(n)));
    pos += static_cast<uint64_t>(n);
  }
  return {};
}

Result<Image> LocalImageService::web_download(const std::string& id, const std::string& url,
                                              std::chrono::seconds limit) {
  if (!m_options.open_url)
    return fail(ErrorCode::forbidden,
                "this local store does not enable the web-download import method (it was "
                "opened without a way to fetch URLs)");
  UrlFetchLimits limits;
  limits.stall_limit = limit;
  GLANCER_TRY(source, m_options.open_url(url, limits));
  return upload(id, *source);
}

}  // namespace glancer
