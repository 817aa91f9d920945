#include "store/local_image_service.h"

#include <system_error>

#include "core/clock.h"
#include "core/uuid.h"
#include "store/image_pages.h"
#include "store/image_patch.h"
#include "store/image_rows.h"
#include "store/image_rules.h"
#include "store/store_schema.h"

namespace glancer {

namespace fs = std::filesystem;

namespace {

using Mode = SqliteTransaction::Mode;

}  // namespace

LocalImageService::LocalImageService(fs::path dir, fs::path root, LocalStoreOptions options,
                                     SqliteDb db, SqliteDb reader)
    : m_dir(std::move(dir)),
      m_options(std::move(options)),
      m_db(std::move(db)),
      m_writes(m_db, m_mutex, m_options.before_commit),
      m_read_db(std::move(reader)),
      m_blobs(root / "blobs") {}

Result<std::unique_ptr<LocalImageService>> LocalImageService::open(const fs::path& dir,
                                                                   LocalStoreOptions options) {
  if (!options.clock)  // non-owning: the system clock lives as long as the process
    options.clock = std::shared_ptr<const Clock>(std::shared_ptr<const Clock>(), &system_clock());
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec)
    return fail(ErrorCode::io,
                "cannot create store directory " + dir.string() + ": " + ec.message());
  // Absolute paths inside, so a later chdir cannot point the store elsewhere.
  fs::path root = fs::absolute(dir, ec);
  if (ec) return fail(ErrorCode::io, "cannot resolve " + dir.string() + ": " + ec.message());

  GLANCER_TRY(db, SqliteDb::open(root / "glancer.db", options.busy_timeout));
  GLANCER_CHECK(prepare_store_schema(db));
  // The schema is there and the file in WAL mode: the reader only reads.
  GLANCER_TRY(reader, SqliteDb::open(root / "glancer.db", options.busy_timeout));
  GLANCER_CHECK(reader.exec("PRAGMA query_only=ON"));
  std::unique_ptr<LocalImageService> store(
      new LocalImageService(dir, root, std::move(options), std::move(db), std::move(reader)));
  GLANCER_CHECK(store->m_blobs.ensure_exists());
  GLANCER_TRY(report, recover_store(store->m_db, store->m_blobs, utc_now(*store->m_options.clock)));
  store->m_recovery = report;
  return store;
}

bool LocalImageService::exists(const fs::path& dir) {
  std::error_code ec;
  return fs::is_regular_file(dir / "glancer.db", ec);
}

std::string LocalImageService::describe() const {
  return "local store " + m_dir.string();
}

Result<Image> LocalImageService::load_existing(const std::string& id) {
  return load_existing(m_db, id);
}

Result<Image> LocalImageService::load_existing(SqliteDb& db, const std::string& id) {
  GLANCER_TRY(image, load_image(db, id));
  if (!image) return fail(ErrorCode::not_found, "no image with id " + id);
  return std::move(*image);
}

Result<std::vector<Image>> LocalImageService::list(const ListQuery& query) {
  std::lock_guard lock(m_read_mutex);
  // One read transaction: images, tags and properties come from the same snapshot.
  GLANCER_TRY(txn, SqliteTransaction::begin(m_read_db, Mode::deferred));
  GLANCER_TRY(images, load_images(m_read_db, query));
  GLANCER_CHECK(txn.commit());
  return images;
}

Result<ListPage> LocalImageService::list_page(const ListRequest& request) {
  std::lock_guard lock(m_read_mutex);
  GLANCER_TRY(txn, SqliteTransaction::begin(m_read_db, Mode::deferred));
  GLANCER_TRY(page, load_page(m_read_db, request));
  GLANCER_CHECK(txn.commit());
  return page;
}

Result<Image> LocalImageService::get(const std::string& id) {
  std::lock_guard lock(m_read_mutex);
  GLANCER_TRY(txn, SqliteTransaction::begin(m_read_db, Mode::deferred));
  GLANCER_TRY(image, load_existing(m_read_db, id));
  GLANCER_CHECK(txn.commit());
  return image;
}

Result<Image> LocalImageService::create(const ImageCreate& request) {
  GLANCER_CHECK(check_create_request(request));
  Image image;
  image.id = request.id ? *request.id : new_uuid();
  image.name = request.name;
  image.status = "queued";
  image.visibility = request.visibility;
  image.protected_ = request.protected_;
  image.hidden = request.hidden;
  image.disk_format = request.disk_format;
  image.container_format = request.container_format;
  image.owner = request.owner ? request.owner : m_options.owner;
  image.min_disk = request.min_disk;
  image.min_ram = request.min_ram;
  image.tags = request.tags;
  image.properties = request.properties;
  image.created_at = image.updated_at = utc_now(*m_options.clock);

  GLANCER_CHECK(m_writes.run([&](SqliteDb& db) -> Status {
    GLANCER_TRY(taken, image_id_taken(db, image.id));
    if (taken)
      return fail(ErrorCode::conflict,
                  "image id " + image.id + " is in use or belonged to a deleted image");
    return insert_image(db, image);
  }));
  return image;
}

Result<Image> LocalImageService::update(const std::string& id, const std::vector<PatchOp>& ops) {
  Image after;
  GLANCER_CHECK(m_writes.run([&](SqliteDb& db) -> Status {
    GLANCER_TRY(before, load_existing(id));
    after = before;
    GLANCER_CHECK(apply_patch(after, ops));
    if (after == before) return {};  // nothing changed: keep updated_at
    after.updated_at = utc_now(*m_options.clock);
    return save_image(db, before, after);
  }));
  return after;
}

Result<Image> LocalImageService::set_owner(const std::string& id, const std::string& owner) {
  if (owner.size() > vocab::k_max_string_length)
    return fail(
        ErrorCode::invalid_argument,
        "owner is longer than " + std::to_string(vocab::k_max_string_length) + " characters");
  Image after;
  GLANCER_CHECK(m_writes.run([&](SqliteDb& db) -> Status {
    GLANCER_TRY(before, load_existing(id));
    after = before;
    if (after.owner == owner) return {};
    after.owner = owner;
    after.updated_at = utc_now(*m_options.clock);
    return save_image(db, before, after);
  }));
  return after;
}

Status LocalImageService::remove(const std::string& id) {
  GLANCER_CHECK(m_writes.run([&](SqliteDb& db) -> Status {
    GLANCER_TRY(image, load_existing(id));
    if (image.protected_)
      return fail(ErrorCode::forbidden, "image " + id + " is protected and cannot be deleted");
    return delete_image_rows(db, id, utc_now(*m_options.clock));
  }));
  // After the commit: a crash in between leaves an orphan blob, which recovery removes; the
  // other order could leave an active image without data. An upload still running for this
  // image notices the deletion when it finishes and drops its temp file.
  (void)m_blobs.remove_blob(id);
  return {};
}

Status LocalImageService::switch_activation(const std::string& id, const std::string& from,
                                            const std::string& to) {
  return m_writes.run([&](SqliteDb& db) -> Status {
    GLANCER_TRY(image, load_existing(id));
    if (image.status == to) return {};  // Glance: a repeat is a no-op
    if (image.status != from)
      return fail(ErrorCode::forbidden, "image " + id + " is " + image.status + "; only " + from +
                                            " images can become " + to);
    return save_image_status(db, id, to, utc_now(*m_options.clock));
  });
}

Status LocalImageService::deactivate(const std::string& id) {
  return switch_activation(id, "active", "deactivated");
}

Status LocalImageService::reactivate(const std::string& id) {
  return switch_activation(id, "deactivated", "active");
}

}  // namespace glancer
