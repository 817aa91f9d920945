#pragma once
/// Reading and writing images and members as rows of the store's tables. Callers own the
/// transaction; these functions only run statements.

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "glance/image.h"
#include "store/sqlite_db.h"

namespace glancer {

/// One image with its tags and custom properties; nullopt if there is no such image.
Result<std::optional<Image>> load_image(SqliteDb& db, const std::string& id);
/// Every image `query` selects (custom properties matched exactly, names), ordered by
/// created_at then id. Three queries in all, however many images there are.
Result<std::vector<Image>> load_images(SqliteDb& db, const ListQuery& query);
/// The images `clause` selects (the SQL after "FROM images i": WHERE, ORDER BY, LIMIT over
/// the alias i), in its order, each with its tags and properties; `bind` binds its parameters.
Result<std::vector<Image>> select_images(SqliteDb& db, const std::string& clause,
                                         const std::function<void(SqliteStatement&)>& bind);
/// True if `id` belongs to an image now or to one deleted earlier.
Result<bool> image_id_taken(SqliteDb& db, const std::string& id);
/// Inserts a new image with its tags and properties.
Status insert_image(SqliteDb& db, const Image& image);
/// Saves `after` over the stored `before` (the same image as loaded in this transaction):
/// the base attributes, and only the tag and property rows that differ.
Status save_image(SqliteDb& db, const Image& before, const Image& after);
/// Sets status and updated_at only.
Status save_image_status(SqliteDb& db, const std::string& id, const std::string& status,
                         const std::string& now);
/// Deletes an image's rows (tags, properties, members too) and remembers its id as deleted.
Status delete_image_rows(SqliteDb& db, const std::string& id, const std::string& now);

/// The members of an image, ordered by member id.
Result<std::vector<Member>> load_members(SqliteDb& db, const std::string& image_id);
/// One member; nullopt if absent.
Result<std::optional<Member>> load_member(SqliteDb& db, const std::string& image_id,
                                          const std::string& member_id);
/// Inserts a new member.
Status insert_member(SqliteDb& db, const Member& member);
/// Sets a member's status and updated_at.
Status save_member_status(SqliteDb& db, const Member& member);
/// Deletes a member; returns whether it existed.
Result<bool> delete_member(SqliteDb& db, const std::string& image_id, const std::string& member_id);

}  // namespace glancer
