#pragma once
/// LocalImageService: the embedded image store behind glancer's default target. Metadata
/// lives in SQLite (`<dir>/glancer.db`, WAL, one transaction per change), image data in
/// `<dir>/blobs/<id>`, written under a temp name and renamed once size and hashes are known.
/// Several processes may share one store; a store killed at any moment reopens consistent.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "glance/image_service.h"
#include "glance/url_opener.h"
#include "glance/vocabulary.h"
#include "store/blob_files.h"
#include "store/group_commit.h"
#include "store/sqlite_db.h"
#include "store/store_recovery.h"

namespace glancer {

/// Knobs of the embedded store; the defaults match Glance's.
struct LocalStoreOptions {
  /// The owner recorded on every new image (Glance: the caller's project).
  std::string owner = "local";
  /// Largest image accepted by upload() (Glance's image_size_cap, 1 TiB); larger → quota.
  uint64_t image_size_cap = vocab::k_image_size_cap;
  /// The clock for created_at/updated_at; injectable so tests get predictable timestamps.
  /// Null: the system clock. Shared so that copies of the options keep a test's clock alive.
  std::shared_ptr<const Clock> clock;
  /// How long to wait for another process holding the store's write lock before `timeout`.
  std::chrono::milliseconds busy_timeout{30000};
  /// How web_download() fetches its URL: the store itself does no network I/O. Null: the
  /// store does not offer web-download (forbidden, as from a Glance without the method).
  UrlOpener open_url;
  /// Called inside every group of metadata writes, just before its COMMIT, with the write lock
  /// held (tests: hold a write transaction open). Null: nothing.
  std::function<void()> before_commit;
};

/// Glance v2 semantics over a local directory. Thread-safe: one SQLite connection for writes,
/// whose transactions are serialized by a mutex, and one for reads beside it (WAL lets it read
/// the last commit while a write is under way, so a read never waits for a committing
/// writer); metadata writes of concurrent callers share one commit (GroupCommit);
/// upload/download stream data outside the locks.
class LocalImageService : public ImageService {
 public:
  /// Opens the store in `dir` (created if missing), creating or checking the schema and
  /// running recovery (see recover_store) before returning.
  static Result<std::unique_ptr<LocalImageService>> open(const std::filesystem::path& dir,
                                                         LocalStoreOptions options = {});

  /// True when `dir` holds a store (its database), i.e. open() would not create one.
  static bool exists(const std::filesystem::path& dir);

  /// "local store <dir>", with dir as given to open().
  std::string describe() const override;

  /// Every image, hidden or not, matching all of query.properties; by created_at, then id.
  Result<std::vector<Image>> list(const ListQuery& query) override;
  /// One page in one SELECT (see load_page): the rows of the page, not the whole catalogue.
  Result<ListPage> list_page(const ListRequest& request) override;
  /// One image; not_found if unknown.
  Result<Image> get(const std::string& id) override;
  /// A queued image. invalid_argument for a non-UUID id, bad enums or lengths; forbidden for
  /// reserved property keys; quota past 128 tags/properties; conflict for an id in use or
  /// used by a deleted image.
  Result<Image> create(const ImageCreate& request) override;
  /// Applies all ops in one transaction or none (see apply_patch for the error codes).
  /// updated_at changes only when the image does.
  Result<Image> update(const std::string& id, const std::vector<PatchOp>& ops) override;
  Result<Image> set_owner(const std::string& id, const std::string& owner) override;
  /// queued → saving → active; not_found if unknown, conflict unless queued, invalid_argument
  /// when disk/container format are unset, quota past the size cap, io when the source
  /// delivers a different byte count than its size(); not_found if the image was deleted
  /// during the upload. On any failure the image is queued again with no data.
  Result<Image> upload(const std::string& id, ByteSource& data) override;
  /// Streams active data (all, or `range`) in k_chunk_size chunks. Deactivated → forbidden;
  /// an image without data (queued, saving, killed) writes nothing and succeeds, like
  /// Glance's 204; a range starting past the end → invalid_argument.
  Status download(const std::string& id, ByteSink& sink,
                  std::optional<ByteRange> range = std::nullopt) override;
  /// The store is the service: it streams the URL, opened by options.open_url with `limit`
  /// as its stall limit, into the image like upload(). forbidden without open_url.
  Result<Image> web_download(const std::string& id, const std::string& url,
                             std::chrono::seconds limit) override;
  /// Deletes the image, its data and members; its id can't be reused. forbidden if protected.
  Status remove(const std::string& id) override;
  /// active → deactivated; repeat is a no-op; forbidden from other statuses.
  Status deactivate(const std::string& id) override;
  /// deactivated → active; repeat is a no-op; forbidden from other statuses.
  Status reactivate(const std::string& id) override;

  /// Adds a tag (idempotent); quota past 128 tags.
  Status add_tag(const std::string& id, const std::string& tag) override;
  /// Removes a tag; not_found if absent.
  Status remove_tag(const std::string& id, const std::string& tag) override;

  /// Members ordered by member id; not_found for an unknown image.
  Result<std::vector<Member>> list_members(const std::string& id) override;
  /// A pending member; forbidden unless the image is shared, conflict if present, quota past 128.
  Result<Member> add_member(const std::string& id, const std::string& member) override;
  /// Sets pending/accepted/rejected (else invalid_argument); not_found if not a member.
  Result<Member> update_member(const std::string& id, const std::string& member,
                               const std::string& status) override;
  /// Removes a member; not_found if absent.
  Status remove_member(const std::string& id, const std::string& member) override;

  /// What recovery did when this instance opened the store.
  const RecoveryReport& recovery_report() const { return m_recovery; }
  /// The store directory as given to open().
  const std::filesystem::path& dir() const { return m_dir; }

 private:
  LocalImageService(std::filesystem::path dir, std::filesystem::path root,
                    LocalStoreOptions options, SqliteDb db, SqliteDb reader);

  /// Loads an image inside the caller's transaction (on `db`, the writer's by default);
  /// not_found if absent.
  Result<Image> load_existing(const std::string& id);
  Result<Image> load_existing(SqliteDb& db, const std::string& id);
  /// The active → deactivated / deactivated → active transition shared by both actions.
  Status switch_activation(const std::string& id, const std::string& from, const std::string& to);
  /// Sets a 'saving' image back to queued with no data (upload failure path).
  void revert_upload(const std::string& id);
  /// Checks and marks the image saving; creates its locked temp file under the same write lock.
  Result<TempBlob> begin_upload(const std::string& id, std::optional<uint64_t> declared_size);
  /// Sets `status` and clears size and hashes (inside the caller's transaction).
  Status db_reset_upload_fields(const std::string& id, const std::string& status);
  /// Renames the temp file into place and records size and hashes in one transaction.
  Result<Image> finish_upload(const std::string& id, TempBlob& temp, int64_t size,
                              const std::string& md5, const std::string& sha512);

  std::filesystem::path m_dir;  // as given, for describe()
  LocalStoreOptions m_options;
  std::mutex m_mutex;  // guards m_db: one transaction at a time
  SqliteDb m_db;
  GroupCommit m_writes;     // metadata writes, committed in groups under m_mutex
  std::mutex m_read_mutex;  // guards m_read_db: one read transaction at a time
  SqliteDb m_read_db;       // query_only: what reads use, never waiting for m_mutex
  BlobDir m_blobs;
  RecoveryReport m_recovery;
};

}  // namespace glancer
