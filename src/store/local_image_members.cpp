// LocalImageService: tags and members.
#include "store/image_rows.h"
#include "store/image_rules.h"
#include "store/local_image_service.h"

namespace glancer {

namespace {

using Mode = SqliteTransaction::Mode;

Status check_member_id(const std::string& member) {
  if (member.empty() || member.size() > vocab::k_max_string_length)
    return fail(
        ErrorCode::invalid_argument,
        "a member id must be 1 to " + std::to_string(vocab::k_max_string_length) + " characters");
  return {};
}

}  // namespace

Status LocalImageService::add_tag(const std::string& id, const std::string& tag) {
  GLANCER_CHECK(check_tag(tag));
  return m_writes.run([&](SqliteDb& db) -> Status {
    GLANCER_TRY(image, load_existing(id));
    if (image.tags.count(tag)) return {};
    if (image.tags.size() >= vocab::k_max_tags)
      return fail(ErrorCode::quota, "image " + id + " already has the maximum of " +
                                        std::to_string(vocab::k_max_tags) + " tags");
    GLANCER_CHECK(db.run("INSERT INTO image_tags (image_id, tag) VALUES (?, ?)", id, tag));
    return db.run("UPDATE images SET updated_at = ? WHERE id = ?", utc_now(*m_options.clock), id);
  });
}

Status LocalImageService::remove_tag(const std::string& id, const std::string& tag) {
  return m_writes.run([&](SqliteDb& db) -> Status {
    GLANCER_TRY(image, load_existing(id));
    if (!image.tags.count(tag))
      return fail(ErrorCode::not_found, "image " + id + " has no tag '" + tag + "'");
    GLANCER_CHECK(db.run("DELETE FROM image_tags WHERE image_id = ? AND tag = ?", id, tag));
    return db.run("UPDATE images SET updated_at = ? WHERE id = ?", utc_now(*m_options.clock), id);
  });
}

Result<std::vector<Member>> LocalImageService::list_members(const std::string& id) {
  std::lock_guard lock(m_read_mutex);
  GLANCER_TRY(txn, SqliteTransaction::begin(m_read_db, Mode::deferred));
  GLANCER_CHECK(load_existing(m_read_db, id));
  GLANCER_TRY(members, load_members(m_read_db, id));
  GLANCER_CHECK(txn.commit());
  return members;
}

Result<Member> LocalImageService::add_member(const std::string& id, const std::string& member) {
  GLANCER_CHECK(check_member_id(member));
  Member added;
  GLANCER_CHECK(m_writes.run([&](SqliteDb& db) -> Status {
    GLANCER_TRY(image, load_existing(id));
    if (image.visibility != "shared")
      return fail(ErrorCode::forbidden, "image " + id + " is " + image.visibility +
                                            "; members can only be added to shared images");
    GLANCER_TRY(existing, load_member(db, id, member));
    if (existing) return fail(ErrorCode::conflict, member + " is already a member of image " + id);
    GLANCER_TRY(members, load_members(db, id));
    if (members.size() >= vocab::k_max_members)
      return fail(ErrorCode::quota, "image " + id + " already has the maximum of " +
                                        std::to_string(vocab::k_max_members) + " members");
    added.image_id = id;
    added.member_id = member;
    added.status = "pending";
    added.created_at = added.updated_at = utc_now(*m_options.clock);
    return insert_member(db, added);
  }));
  return added;
}

Result<Member> LocalImageService::update_member(const std::string& id, const std::string& member,
                                                const std::string& status) {
  if (!vocab::is_member_status(status))
    return fail(ErrorCode::invalid_argument,
                "invalid member status '" + status + "' (pending, accepted or rejected)");
  Member updated;
  GLANCER_CHECK(m_writes.run([&](SqliteDb& db) -> Status {
    GLANCER_CHECK(load_existing(id));
    GLANCER_TRY(existing, load_member(db, id, member));
    if (!existing) return fail(ErrorCode::not_found, member + " is not a member of image " + id);
    updated = *existing;
    if (updated.status == status) return {};
    updated.status = status;
    updated.updated_at = utc_now(*m_options.clock);
    return save_member_status(db, updated);
  }));
  return updated;
}

Status LocalImageService::remove_member(const std::string& id, const std::string& member) {
  return m_writes.run([&](SqliteDb& db) -> Status {
    GLANCER_CHECK(load_existing(id));
    GLANCER_TRY(removed, delete_member(db, id, member));
    if (!removed) return fail(ErrorCode::not_found, member + " is not a member of image " + id);
    return {};
  });
}

}  // namespace glancer
