#include "store/image_rows.h"

#include <functional>
#include <unordered_map>

namespace glancer {

namespace {

constexpr const char* k_image_columns =
    "i.id, i.name, i.status, i.visibility, i.protected, i.os_hidden, i.disk_format, "
    "i.container_format, i.owner, i.min_disk, i.min_ram, i.size, i.virtual_size, i.checksum, "
    "i.os_hash_algo, i.os_hash_value, i.created_at, i.updated_at";

Image image_from_row(const SqliteStatement& row) {
  Image image;
  image.id = row.text(0);
  image.name = row.optional_text(1);
  image.status = row.text(2);
  image.visibility = row.text(3);
  image.protected_ = row.int64(4) != 0;
  image.hidden = row.int64(5) != 0;
  image.disk_format = row.optional_text(6);
  image.container_format = row.optional_text(7);
  image.owner = row.optional_text(8);
  image.min_disk = row.int64(9);
  image.min_ram = row.int64(10);
  image.size = row.optional_int64(11);
  image.virtual_size = row.optional_int64(12);
  image.checksum = row.optional_text(13);
  image.os_hash_algo = row.optional_text(14);
  image.os_hash_value = row.optional_text(15);
  image.created_at = row.text(16);
  image.updated_at = row.text(17);
  return image;
}

// One "AND i.id IN (…)" per filtered property, answered from the (key, value, image_id) index
// rather than by a scan of every image; the names as one JSON array parameter. Parameters are
// bound in that order.
std::string list_filter_sql(const ListQuery& query) {
  std::string sql = " WHERE 1";
  for (size_t i = 0; i < query.properties.size(); ++i)
    sql +=
        " AND i.id IN (SELECT f.image_id FROM image_properties f WHERE f.key = ? AND f.value = ?)";
  if (query.names) sql += " AND i.name IN (SELECT value FROM json_each(?))";
  return sql;
}

void bind_list_filter(SqliteStatement& stmt, const ListQuery& query) {
  int index = 0;
  for (const auto& [key, value] : query.properties) {
    stmt.bind(++index, key);
    stmt.bind(++index, value);
  }
  if (query.names) stmt.bind(++index, nlohmann::json(*query.names).dump());
}

Status write_tags_and_properties(SqliteDb& db, const Image& image) {
  GLANCER_TRY(tag, db.cached("INSERT INTO image_tags (image_id, tag) VALUES (?, ?)"));
  for (const auto& t : image.tags) {
    tag.reset();
    tag.bind_all(image.id, t);
    GLANCER_CHECK(tag.run());
  }
  GLANCER_TRY(prop,
              db.cached("INSERT INTO image_properties (image_id, key, value) VALUES (?, ?, ?)"));
  for (const auto& [key, value] : image.properties) {
    prop.reset();
    prop.bind_all(image.id, key, value);
    GLANCER_CHECK(prop.run());
  }
  return {};
}

// Two indexed lookups with cached statements: for one image, or each image of a page.
Status load_tags_and_properties(SqliteDb& db, Image& image) {
  GLANCER_TRY(tags, db.cached("SELECT tag FROM image_tags WHERE image_id = ?"));
  tags.bind_all(image.id);
  for (;;) {
    GLANCER_TRY(more, tags.step());
    if (!more) break;
    image.tags.insert(tags.text(0));
  }
  GLANCER_TRY(props, db.cached("SELECT key, value FROM image_properties WHERE image_id = ?"));
  props.bind_all(image.id);
  for (;;) {
    GLANCER_TRY(more, props.step());
    if (!more) break;
    image.properties[props.text(0)] = props.text(1);
  }
  return {};
}

Member member_from_row(const SqliteStatement& row) {
  Member m;
  m.image_id = row.text(0);
  m.member_id = row.text(1);
  m.status = row.text(2);
  m.created_at = row.text(3);
  m.updated_at = row.text(4);
  return m;
}

constexpr const char* k_member_select =
    "SELECT image_id, member_id, status, created_at, updated_at FROM image_members ";

}  // namespace

Result<std::optional<Image>> load_image(SqliteDb& db, const std::string& id) {
  GLANCER_TRY(
      stmt, db.cached(std::string("SELECT ") + k_image_columns + " FROM images i WHERE i.id = ?"));
  stmt.bind_all(id);
  GLANCER_TRY(row, stmt.step());
  if (!row) return std::optional<Image>();
  Image image = image_from_row(stmt);
  GLANCER_CHECK(load_tags_and_properties(db, image));
  return std::optional<Image>(std::move(image));
}

Result<std::vector<Image>> select_images(SqliteDb& db, const std::string& clause,
                                         const std::function<void(SqliteStatement&)>& bind) {
  std::vector<Image> images;
  {
    GLANCER_TRY(stmt,
                db.prepare(std::string("SELECT ") + k_image_columns + " FROM images i" + clause));
    bind(stmt);
    for (;;) {
      GLANCER_TRY(row, stmt.step());
      if (!row) break;
      images.push_back(image_from_row(stmt));
    }
  }
  for (auto& image : images) GLANCER_CHECK(load_tags_and_properties(db, image));
  return images;
}

Result<std::vector<Image>> load_images(SqliteDb& db, const ListQuery& query) {
  const std::string filter = list_filter_sql(query);
  std::vector<Image> images;
  std::unordered_map<std::string, size_t> index;

  GLANCER_TRY(stmt, db.prepare(std::string("SELECT ") + k_image_columns + " FROM images i" +
                               filter + " ORDER BY i.created_at, i.id"));
  bind_list_filter(stmt, query);
  for (;;) {
    GLANCER_TRY(row, stmt.step());
    if (!row) break;
    images.push_back(image_from_row(stmt));
    index.emplace(images.back().id, images.size() - 1);
  }
  if (images.empty()) return images;

  // Children of the selected images only, each table in one pass; with no filter that is every
  // row, read by a plain scan (the IN subquery would cost an index search per row).
  const bool filtered = !query.properties.empty() || query.names;
  const std::string selected =
      !filtered ? "" : " WHERE image_id IN (SELECT i.id FROM images i" + filter + ")";
  GLANCER_TRY(tags, db.prepare("SELECT image_id, tag FROM image_tags" + selected));
  bind_list_filter(tags, query);
  for (;;) {
    GLANCER_TRY(row, tags.step());
    if (!row) break;
    if (auto it = index.find(tags.text(0)); it != index.end())
      images[it->second].tags.insert(tags.text(1));
  }
  GLANCER_TRY(props, db.prepare("SELECT image_id, key, value FROM image_properties" + selected));
  bind_list_filter(props, query);
  for (;;) {
    GLANCER_TRY(row, props.step());
    if (!row) break;
    if (auto it = index.find(props.text(0)); it != index.end())
      images[it->second].properties[props.text(1)] = props.text(2);
  }
  return images;
}

Result<bool> image_id_taken(SqliteDb& db, const std::string& id) {
  GLANCER_TRY(stmt, db.cached("SELECT EXISTS (SELECT 1 FROM images WHERE id = ?1)"
                              " OR EXISTS (SELECT 1 FROM deleted_images WHERE id = ?1)"));
  stmt.bind_all(id);
  GLANCER_TRY(row, stmt.step());
  return row && stmt.int64(0) != 0;
}

Status insert_image(SqliteDb& db, const Image& image) {
  GLANCER_CHECK(db.run(
      "INSERT INTO images (id, name, status, visibility, protected, os_hidden, disk_format,"
      " container_format, owner, min_disk, min_ram, size, virtual_size, checksum, os_hash_algo,"
      " os_hash_value, created_at, updated_at)"
      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      image.id, image.name, image.status, image.visibility, image.protected_, image.hidden,
      image.disk_format, image.container_format, image.owner, image.min_disk, image.min_ram,
      image.size, image.virtual_size, image.checksum, image.os_hash_algo, image.os_hash_value,
      image.created_at, image.updated_at));
  return write_tags_and_properties(db, image);
}

Status save_image(SqliteDb& db, const Image& before, const Image& after) {
  // Every column but status in one statement; status, which is indexed, only when it changed,
  // so a metadata PATCH does not rewrite its index entry too.
  GLANCER_CHECK(db.run(
      "UPDATE images SET name = ?, visibility = ?, protected = ?, os_hidden = ?,"
      " disk_format = ?, container_format = ?, owner = ?, min_disk = ?, min_ram = ?, size = ?,"
      " virtual_size = ?, checksum = ?, os_hash_algo = ?, os_hash_value = ?, updated_at = ?"
      " WHERE id = ?",
      after.name, after.visibility, after.protected_, after.hidden, after.disk_format,
      after.container_format, after.owner, after.min_disk, after.min_ram, after.size,
      after.virtual_size, after.checksum, after.os_hash_algo, after.os_hash_value, after.updated_at,
      after.id));
  if (after.status != before.status)
    GLANCER_CHECK(db.run("UPDATE images SET status = ? WHERE id = ?", after.status, after.id));

  // Tags and properties: only the rows that differ.
  for (const auto& tag : before.tags)
    if (!after.tags.count(tag))
      GLANCER_CHECK(db.run("DELETE FROM image_tags WHERE image_id = ? AND tag = ?", after.id, tag));
  for (const auto& tag : after.tags)
    if (!before.tags.count(tag))
      GLANCER_CHECK(db.run("INSERT INTO image_tags (image_id, tag) VALUES (?, ?)", after.id, tag));
  for (const auto& [key, value] : before.properties)
    if (!after.properties.count(key))
      GLANCER_CHECK(
          db.run("DELETE FROM image_properties WHERE image_id = ? AND key = ?", after.id, key));
  for (const auto& [key, value] : after.properties) {
    auto old = before.properties.find(key);
    if (old == before.properties.end())
      GLANCER_CHECK(db.run("INSERT INTO image_properties (image_id, key, value) VALUES (?, ?, ?)",
                           after.id, key, value));
    else if (old->second != value)
      GLANCER_CHECK(db.run("UPDATE image_properties SET value = ? WHERE image_id = ? AND key = ?",
                           value, after.id, key));
  }
  return {};
}

Status save_image_status(SqliteDb& db, const std::string& id, const std::string& status,
                         const std::string& now) {
  return db.run("UPDATE images SET status = ?, updated_at = ? WHERE id = ?", status, now, id);
}

Status delete_image_rows(SqliteDb& db, const std::string& id, const std::string& now) {
  // Explicit child deletes: correct even on a connection where foreign_keys is off.
  GLANCER_CHECK(db.run("DELETE FROM image_tags WHERE image_id = ?", id));
  GLANCER_CHECK(db.run("DELETE FROM image_properties WHERE image_id = ?", id));
  GLANCER_CHECK(db.run("DELETE FROM image_members WHERE image_id = ?", id));
  GLANCER_CHECK(db.run("DELETE FROM images WHERE id = ?", id));
  return db.run("INSERT OR IGNORE INTO deleted_images (id, deleted_at) VALUES (?, ?)", id, now);
}

Result<std::vector<Member>> load_members(SqliteDb& db, const std::string& image_id) {
  GLANCER_TRY(stmt,
              db.cached(std::string(k_member_select) + "WHERE image_id = ? ORDER BY member_id"));
  stmt.bind_all(image_id);
  std::vector<Member> members;
  for (;;) {
    GLANCER_TRY(row, stmt.step());
    if (!row) return members;
    members.push_back(member_from_row(stmt));
  }
}

Result<std::optional<Member>> load_member(SqliteDb& db, const std::string& image_id,
                                          const std::string& member_id) {
  GLANCER_TRY(stmt,
              db.cached(std::string(k_member_select) + "WHERE image_id = ? AND member_id = ?"));
  stmt.bind_all(image_id, member_id);
  GLANCER_TRY(row, stmt.step());
  if (!row) return std::optional<Member>();
  return std::optional<Member>(member_from_row(stmt));
}

Status insert_member(SqliteDb& db, const Member& member) {
  return db.run(
      "INSERT INTO image_members (image_id, member_id, status, created_at, updated_at)"
      " VALUES (?, ?, ?, ?, ?)",
      member.image_id, member.member_id, member.status, member.created_at, member.updated_at);
}

Status save_member_status(SqliteDb& db, const Member& member) {
  return db.run(
      "UPDATE image_members SET status = ?, updated_at = ? WHERE image_id = ? AND member_id = ?",
      member.status, member.updated_at, member.image_id, member.member_id);
}

Result<bool> delete_member(SqliteDb& db, const std::string& image_id,
                           const std::string& member_id) {
  GLANCER_CHECK(db.run("DELETE FROM image_members WHERE image_id = ? AND member_id = ?", image_id,
                       member_id));
  return db.changes() > 0;
}

}  // namespace glancer
