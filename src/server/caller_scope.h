#pragma once
/// Who is calling, and Glance's rules for what they may see and do (Glance 25's default,
/// non-secure-RBAC policy). The caller is set per request by the server's pre-routing step on
/// the thread that answers the request; CallerScopedService applies the rules in front of any
/// ImageService, so the route handlers stay the same with or without identity.

#include <functional>
#include <string>
#include <vector>

#include "glance/image_service.h"

namespace glancer {

/// The caller of the request being answered on this thread.
struct Caller {
  /// False in single-tenant mode (no --auth-cloud): every caller owns every image.
  bool identified = false;
  std::string project;  ///< the token's project; empty for an unscoped token
  bool admin = false;   ///< role admin: sees and changes every image, may set owner
  bool writer = true;   ///< false for a reader (no member or admin role): writes nothing
};

/// The caller of this thread's request (single tenant until set).
const Caller& current_caller();
/// Sets the caller for the rest of this thread's request (and for background work it runs).
void set_current_caller(Caller caller);

/// Glance's rules over `inner` for current_caller(). Single tenant: everything passes, except
/// setting `owner` (403). Identified: a non-admin sees its own images, public and community
/// ones, and shared ones it is a member of (not found otherwise); lists those as Glance does
/// (shared only when accepted unless member_status asks, community only when asked or owned);
/// changes, uploads to and shares only its own (forbidden otherwise); sets only its own
/// member status. A reader writes nothing; an admin sees and changes all.
class CallerScopedService : public ImageService {
 public:
  /// `inner` must outlive this object.
  explicit CallerScopedService(ImageService& inner) : m_inner(inner) {}

  /// not_found unless the caller sees the image; forbidden unless the caller may change it.
  Status check_modify(const std::string& id);
  /// True when listings are filtered by the caller (identified, not admin): list_page then
  /// lists in memory, showing images through `overlay` first (see set_overlay).
  bool filters_listing() const;
  /// How the server shows an image before the caller's listing filters it (the import phase).
  void set_overlay(std::function<void(Image&)> overlay) { m_overlay = std::move(overlay); }

  std::string describe() const override { return m_inner.describe(); }
  Result<std::vector<Image>> list(const ListQuery& query) override;
  Result<ListPage> list_page(const ListRequest& request) override;
  Result<Image> get(const std::string& id) override;
  Result<Image> create(const ImageCreate& request) override;
  Result<Image> update(const std::string& id, const std::vector<PatchOp>& ops) override;
  Result<Image> set_owner(const std::string& id, const std::string& owner) override;
  Result<Image> upload(const std::string& id, ByteSource& data) override;
  Status download(const std::string& id, ByteSink& sink,
                  std::optional<ByteRange> range = std::nullopt) override;
  Result<Image> web_download(const std::string& id, const std::string& url,
                             std::chrono::seconds limit) override;
  Status remove(const std::string& id) override;
  Status deactivate(const std::string& id) override;
  Status reactivate(const std::string& id) override;
  Status add_tag(const std::string& id, const std::string& tag) override;
  Status remove_tag(const std::string& id, const std::string& tag) override;
  Result<std::vector<Member>> list_members(const std::string& id) override;
  Result<Member> add_member(const std::string& id, const std::string& member) override;
  Result<Member> update_member(const std::string& id, const std::string& member,
                               const std::string& status) override;
  Status remove_member(const std::string& id, const std::string& member) override;

 private:
  /// The image if the caller may see it (not_found otherwise, as Glance hides it).
  Result<Image> visible(const std::string& id);
  /// The caller's membership status of a shared image, or "" when not a member.
  std::string membership(const std::string& id);
  /// Every image a non-admin caller may list for `request` (before its own filters).
  Result<std::vector<Image>> listable(const ListRequest& request);

  ImageService& m_inner;
  std::function<void(Image&)> m_overlay;
};

}  // namespace glancer
