#pragma once
/// The one seam to a live image service. Implementations: LocalImageService (embedded
/// SQLite store), HttpImageService (a real Glance v2), both checked by one conformance suite.

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/stream.h"
#include "glance/image.h"
#include "glance/list_request.h"

namespace glancer {

/// A listing streamed page by page (ImageService::scan), with the filters Glance applies itself.
struct ScanQuery {
  std::string visibility = "all";    ///< public private shared community, or all
  std::optional<std::string> owner;  ///< only the images of this project
  bool hidden = false;  ///< os_hidden=true: the hidden images only (listed only when asked)
};

/// Receives one page of a scan; an error stops the scan, which returns it.
using PageHandler = std::function<Status(std::vector<Image>& page)>;

/// Glance v2 semantics, status codes mapped to ErrorCode: 404 → not_found, 409 → conflict,
/// 403 → forbidden, 413 → quota, 401 → unauthorized.
class ImageService {
 public:
  virtual ~ImageService() = default;

  /// Human description of the target for the first line of output, e.g. "local store
  /// ./.glancer/store".
  virtual std::string describe() const = 0;

  /// Every image the caller can see, hidden and visible, of every visibility, all pages.
  virtual Result<std::vector<Image>> list(const ListQuery& query) = 0;
  /// One page of GET /v2/images, as `request` asks (filters, order, marker, limit). The
  /// default lists every image and applies the request in memory (apply_list_request); a
  /// service that can do better reads only the page.
  virtual Result<ListPage> list_page(const ListRequest& request);
  /// Every image `query` selects, one page at a time: `each` gets each page as it arrives, so
  /// memory holds one page, never the listing. The default pages list_page by marker (pages of
  /// k_max_page_size, newest first).
  virtual Status scan(const ScanQuery& query, const PageHandler& each);
  /// The project the caller acts for (the token's); empty when the service knows no identity
  /// (the embedded store, auth_type none or admin_token without auth.project_id), where every
  /// image is the caller's.
  virtual std::string caller_project() { return {}; }
  /// One image; not_found if it does not exist.
  virtual Result<Image> get(const std::string& id) = 0;
  /// Creates a queued image; conflict if `id` was given and already exists (or existed).
  virtual Result<Image> create(const ImageCreate& request) = 0;
  /// Applies JSON-patch operations atomically; returns the updated image.
  virtual Result<Image> update(const std::string& id, const std::vector<PatchOp>& ops) = 0;
  /// Streams data into a queued image: queued → saving → active, computing checksum (md5) and
  /// os_hash_value (sha512). On failure or interruption the image is queued again with no data.
  virtual Result<Image> upload(const std::string& id, ByteSource& data) = 0;
  /// Streams the image's data (or a range of it) into `sink`.
  virtual Status download(const std::string& id, ByteSink& sink,
                          std::optional<ByteRange> range = std::nullopt) = 0;
  /// Has the service itself fetch `url` into the queued image `id` (Glance's web-download
  /// import) and waits, at most `limit`, until it is active. forbidden if the service does not
  /// offer web-download; conflict with the service's reason if the import fails.
  virtual Result<Image> web_download(const std::string& id, const std::string& url,
                                     std::chrono::seconds limit) = 0;
  /// Gives the image to another project (an admin's PATCH of `owner`). The default refuses
  /// (forbidden): a service that keeps owners itself (the embedded store) overrides it.
  virtual Result<Image> set_owner(const std::string& id, const std::string& owner);
  /// Deletes the image and its data; forbidden if protected.
  virtual Status remove(const std::string& id) = 0;
  /// active → deactivated; a repeat is a no-op; forbidden from other statuses.
  virtual Status deactivate(const std::string& id) = 0;
  /// deactivated → active; a repeat is a no-op; forbidden from other statuses.
  virtual Status reactivate(const std::string& id) = 0;

  /// Adds one tag (idempotent).
  virtual Status add_tag(const std::string& id, const std::string& tag) = 0;
  /// Removes one tag; not_found if absent.
  virtual Status remove_tag(const std::string& id, const std::string& tag) = 0;

  /// The image's members; the image must be visible to the caller.
  virtual Result<std::vector<Member>> list_members(const std::string& id) = 0;
  /// Adds a member (status pending); forbidden unless visibility is shared; conflict if present.
  virtual Result<Member> add_member(const std::string& id, const std::string& member) = 0;
  /// Sets a member's status: pending, accepted or rejected.
  virtual Result<Member> update_member(const std::string& id, const std::string& member,
                                       const std::string& status) = 0;
  /// Removes a member; not_found if absent.
  virtual Status remove_member(const std::string& id, const std::string& member) = 0;
};

/// The member statuses of an image as `service` lists them, for apply_list_request.
MemberStatuses member_statuses_of(ImageService& service);

}  // namespace glancer
