// LocalMetadefStore: the objects, properties and tags of a namespace (table metadef_items).
#include <set>

#include "store/metadef_store.h"

namespace glancer {

namespace {

Error item_not_found(MetadefKind kind, const std::string& name, const std::string& ns) {
  return Error{ErrorCode::not_found, "Metadata definition " + std::string(metadef_kind_name(kind)) +
                                         " not found for "
                                         "namespace=" +
                                         ns + " and name=" + name + "."};
}

Error duplicate_item(MetadefKind kind, const std::string& name, const std::string& ns) {
  return Error{ErrorCode::conflict,
               "A metadata definition " + std::string(metadef_kind_name(kind)) +
                   " with name=" + name + " already exists in namespace=" + ns + "."};
}

Error protected_namespace(MetadefKind kind, const std::string& ns) {
  return Error{ErrorCode::forbidden, "Metadata definition " + std::string(metadef_kind_name(kind)) +
                                         "s of namespace " + ns +
                                         " are protected and cannot be deleted."};
}

MetadefItem read_item(const SqliteStatement& stmt) {
  MetadefItem item;
  item.name = stmt.text(0);
  item.body = nlohmann::json::parse(stmt.text(1), nullptr, false);
  if (item.body.is_discarded()) item.body = nlohmann::json::object();
  item.created_at = stmt.text(2);
  item.updated_at = stmt.text(3);
  return item;
}

}  // namespace

Result<MetadefItem> LocalMetadefStore::insert_item(int64_t ns_id, const std::string& ns,
                                                   MetadefKind kind, const MetadefItem& item) {
  MetadefItem out = item;
  out.created_at = out.updated_at = now();
  Status inserted = m_db.run(
      "INSERT INTO metadef_items (namespace_id, kind, name, body, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?)",
      ns_id, metadef_kind_name(kind), out.name, out.body.dump(), out.created_at, out.updated_at);
  if (!inserted && inserted.error().code == ErrorCode::conflict)
    return duplicate_item(kind, item.name, ns);
  GLANCER_CHECK(inserted);
  return out;
}

Result<std::vector<MetadefItem>> LocalMetadefStore::list_items(const std::string& ns,
                                                               MetadefKind kind,
                                                               const MetadefTagQuery& query) {
  const bool paged = kind == MetadefKind::tag;
  if (paged && query.sort_key != "created_at" && query.sort_key != "updated_at" &&
      query.sort_key != "name")
    return fail(ErrorCode::invalid_argument, "Invalid sort key: " + query.sort_key);
  std::lock_guard lock(m_mutex);
  GLANCER_TRY(ref, find_namespace(ns));
  std::string sql =
      "SELECT name, body, created_at, updated_at FROM metadef_items WHERE namespace_id = ? AND "
      "kind = ?";
  std::optional<int64_t> marker_id;
  const std::string key = paged ? query.sort_key : "id";
  const char* cmp = paged && !query.ascending ? "<" : ">";
  const char* dir = paged && !query.ascending ? " DESC" : " ASC";
  if (paged && query.marker) {
    GLANCER_TRY(marker, m_db.prepare("SELECT id FROM metadef_items WHERE namespace_id = ? AND "
                                     "kind = 'tag' AND name = ?"));
    marker.bind_all(ref.id, *query.marker);
    GLANCER_TRY(found, marker.step());
    if (!found) return item_not_found(kind, *query.marker, ns);
    marker_id = marker.int64(0);
    sql += " AND (" + key + " " + cmp + " (SELECT " + key + " FROM metadef_items WHERE id = :m)" +
           " OR (" + key + " = (SELECT " + key + " FROM metadef_items WHERE id = :m) AND id " +
           cmp + " :m))";
  }
  sql += " ORDER BY " + key + dir + ", id" + dir + " LIMIT :limit";
  GLANCER_TRY(stmt, m_db.prepare(sql));
  stmt.bind_all(ref.id, metadef_kind_name(kind));
  int index = 2;
  if (marker_id) stmt.bind(++index, *marker_id);
  stmt.bind(++index, paged && query.limit ? *query.limit : int64_t{-1});
  std::vector<MetadefItem> out;
  while (true) {
    GLANCER_TRY(row, stmt.step());
    if (!row) break;
    out.push_back(read_item(stmt));
  }
  return out;
}

Result<MetadefItem> LocalMetadefStore::get_item(const std::string& ns, MetadefKind kind,
                                                const std::string& name) {
  std::lock_guard lock(m_mutex);
  GLANCER_TRY(ref, find_namespace(ns));
  GLANCER_TRY(stmt, m_db.cached("SELECT name, body, created_at, updated_at FROM metadef_items "
                                "WHERE namespace_id = ? AND kind = ? AND name = ?"));
  stmt.bind_all(ref.id, metadef_kind_name(kind), name);
  GLANCER_TRY(row, stmt.step());
  if (!row) return item_not_found(kind, name, ns);
  return read_item(stmt);
}

Result<MetadefItem> LocalMetadefStore::create_item(const std::string& ns, MetadefKind kind,
                                                   const MetadefItem& item) {
  std::lock_guard lock(m_mutex);
  GLANCER_TRY(txn, SqliteTransaction::begin(m_db, SqliteTransaction::Mode::immediate));
  GLANCER_TRY(ref, find_namespace(ns));
  GLANCER_TRY(out, insert_item(ref.id, ns, kind, item));
  GLANCER_CHECK(txn.commit());
  return out;
}

Result<MetadefItem> LocalMetadefStore::update_item(const std::string& ns, MetadefKind kind,
                                                   const std::string& name,
                                                   const MetadefItem& item) {
  std::lock_guard lock(m_mutex);
  GLANCER_TRY(txn, SqliteTransaction::begin(m_db, SqliteTransaction::Mode::immediate));
  GLANCER_TRY(ref, find_namespace(ns));
  std::string created_at;
  {
    GLANCER_TRY(stmt, m_db.cached("SELECT created_at FROM metadef_items WHERE namespace_id = ? "
                                  "AND kind = ? AND name = ?"));
    stmt.bind_all(ref.id, metadef_kind_name(kind), name);
    GLANCER_TRY(row, stmt.step());
    if (!row) return item_not_found(kind, name, ns);
    created_at = stmt.text(0);
  }
  MetadefItem out = item;
  out.created_at = created_at;
  out.updated_at = now();
  Status updated = m_db.run(
      "UPDATE metadef_items SET name = ?, body = ?, updated_at = ? WHERE namespace_id = ? AND "
      "kind = ? AND name = ?",
      out.name, out.body.dump(), out.updated_at, ref.id, metadef_kind_name(kind), name);
  if (!updated && updated.error().code == ErrorCode::conflict)
    return duplicate_item(kind, out.name, ns);
  GLANCER_CHECK(updated);
  GLANCER_CHECK(txn.commit());
  return out;
}

Status LocalMetadefStore::delete_item(const std::string& ns, MetadefKind kind,
                                      const std::string& name) {
  std::lock_guard lock(m_mutex);
  GLANCER_TRY(txn, SqliteTransaction::begin(m_db, SqliteTransaction::Mode::immediate));
  GLANCER_TRY(ref, find_namespace(ns));
  GLANCER_CHECK(
      m_db.run("DELETE FROM metadef_items WHERE namespace_id = ? AND kind = ? AND "
               "name = ? AND NOT ?",
               ref.id, metadef_kind_name(kind), name, ref.is_protected));
  if (m_db.changes() == 0) {
    if (!ref.is_protected) return item_not_found(kind, name, ns);
    // Protected: Glance refuses only an item that exists.
    GLANCER_TRY(stmt, m_db.cached("SELECT 1 FROM metadef_items WHERE namespace_id = ? AND "
                                  "kind = ? AND name = ?"));
    stmt.bind_all(ref.id, metadef_kind_name(kind), name);
    GLANCER_TRY(row, stmt.step());
    if (!row) return item_not_found(kind, name, ns);
    return Error{ErrorCode::forbidden, "Metadata definition " +
                                           std::string(metadef_kind_name(kind)) + " " + name +
                                           " is protected and cannot be deleted."};
  }
  return txn.commit();
}

Status LocalMetadefStore::delete_items(const std::string& ns, MetadefKind kind) {
  std::lock_guard lock(m_mutex);
  GLANCER_TRY(txn, SqliteTransaction::begin(m_db, SqliteTransaction::Mode::immediate));
  GLANCER_TRY(ref, find_namespace(ns));
  if (ref.is_protected) return protected_namespace(kind, ns);
  GLANCER_CHECK(m_db.run("DELETE FROM metadef_items WHERE namespace_id = ? AND kind = ?", ref.id,
                         metadef_kind_name(kind)));
  return txn.commit();
}

Result<std::vector<MetadefItem>> LocalMetadefStore::create_items(
    const std::string& ns, MetadefKind kind, const std::vector<MetadefItem>& items, bool append) {
  std::set<std::string> names;
  for (const auto& item : items)
    if (!names.insert(item.name).second) return duplicate_item(kind, item.name, ns);
  std::lock_guard lock(m_mutex);
  GLANCER_TRY(txn, SqliteTransaction::begin(m_db, SqliteTransaction::Mode::immediate));
  GLANCER_TRY(ref, find_namespace(ns));
  if (!append)
    GLANCER_CHECK(m_db.run("DELETE FROM metadef_items WHERE namespace_id = ? AND kind = ?", ref.id,
                           metadef_kind_name(kind)));
  std::vector<MetadefItem> out;
  for (const auto& item : items) {
    GLANCER_TRY(added, insert_item(ref.id, ns, kind, item));
    out.push_back(std::move(added));
  }
  GLANCER_CHECK(txn.commit());
  return out;
}

}  // namespace glancer
