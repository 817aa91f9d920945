#include "store/metadef_store.h"

#include <algorithm>

#include "store/store_schema.h"

namespace glancer {

namespace {

constexpr const char* k_namespace_columns =
    "namespace, display_name, description, visibility, protected, owner, created_at, "
    "updated_at, id";

MetadefNamespace read_namespace(const SqliteStatement& stmt) {
  MetadefNamespace ns;
  ns.name = stmt.text(0);
  ns.display_name = stmt.optional_text(1);
  ns.description = stmt.optional_text(2);
  ns.visibility = stmt.text(3);
  ns.is_protected = stmt.int64(4) != 0;
  ns.owner = stmt.optional_text(5);
  ns.created_at = stmt.text(6);
  ns.updated_at = stmt.text(7);
  return ns;
}

Error duplicate_namespace(const std::string& name) {
  return Error{ErrorCode::conflict, "Metadata definition namespace=" + name + " already exists."};
}

bool is_sort_key(const std::string& key) {
  return std::any_of(std::begin(k_metadef_sort_keys), std::end(k_metadef_sort_keys),
                     [&](const char* k) { return key == k; });
}

}  // namespace

const char* metadef_kind_name(MetadefKind kind) {
  switch (kind) {
    case MetadefKind::object: return "object";
    case MetadefKind::property: return "property";
    case MetadefKind::tag: return "tag";
  }
  return "object";
}

Result<std::unique_ptr<LocalMetadefStore>> LocalMetadefStore::open(
    const std::filesystem::path& dir, std::shared_ptr<const Clock> clock,
    std::chrono::milliseconds busy_timeout) {
  if (!clock)  // non-owning: the system clock lives as long as the process
    clock = std::shared_ptr<const Clock>(std::shared_ptr<const Clock>(), &system_clock());
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return fail(ErrorCode::io, "cannot create store directory " + dir.string());
  GLANCER_TRY(db, SqliteDb::open(std::filesystem::absolute(dir) / "glancer.db", busy_timeout));
  GLANCER_CHECK(prepare_store_schema(db));
  return std::unique_ptr<LocalMetadefStore>(new LocalMetadefStore(std::move(db), clock));
}

Result<LocalMetadefStore::NamespaceRef> LocalMetadefStore::find_namespace(const std::string& name) {
  GLANCER_TRY(stmt,
              m_db.cached("SELECT id, protected FROM metadef_namespaces WHERE namespace = ?"));
  stmt.bind_all(name);
  GLANCER_TRY(row, stmt.step());
  if (!row)
    return fail(ErrorCode::not_found, "Metadata definition namespace=" + name + " was not found.");
  return NamespaceRef{stmt.int64(0), stmt.int64(1) != 0};
}

Result<std::vector<MetadefNamespace>> LocalMetadefStore::list_namespaces(
    const MetadefNamespaceQuery& query) {
  if (!is_sort_key(query.sort_key))
    return fail(ErrorCode::invalid_argument, "Invalid sort key: " + query.sort_key);
  std::lock_guard lock(m_mutex);
  std::string sql =
      std::string("SELECT ") + k_namespace_columns + " FROM metadef_namespaces WHERE 1";
  std::vector<std::string> args;
  if (!query.sees_all) {
    sql += " AND (visibility = 'public' OR owner = ?)";
    args.push_back(query.project);
  }
  if (query.visibility) {
    sql += " AND visibility = ?";
    args.push_back(*query.visibility);
  }
  if (!query.resource_types.empty()) {
    sql +=
        " AND id IN (SELECT a.namespace_id FROM metadef_associations a JOIN "
        "metadef_resource_types r ON r.id = a.resource_type_id WHERE r.name IN (";
    for (size_t i = 0; i < query.resource_types.size(); ++i) {
      sql += i ? ", ?" : "?";
      args.push_back(query.resource_types[i]);
    }
    sql += "))";
  }
  // Glance's paginate_query: order by (key, created_at, id), all in one direction; the marker
  // is a keyset position. NULLs compare as '' so every row has a place.
  const std::string key = "COALESCE(" + query.sort_key + ", '')";
  const char* cmp = query.ascending ? ">" : "<";
  const char* dir = query.ascending ? " ASC" : " DESC";
  std::optional<int64_t> marker_id;
  if (query.marker) {
    GLANCER_TRY(ref, find_namespace(*query.marker));
    marker_id = ref.id;
    sql += " AND (" + key + " " + cmp + " (SELECT " + key +
           " FROM metadef_namespaces WHERE id = :m) OR (" + key + " = (SELECT " + key +
           " FROM metadef_namespaces WHERE id = :m) AND (created_at " + cmp +
           " (SELECT created_at FROM metadef_namespaces WHERE id = :m) OR (created_at = (SELECT "
           "created_at FROM metadef_namespaces WHERE id = :m) AND id " +
           cmp + " :m))))";
  }
  sql += " ORDER BY " + key + dir + ", created_at" + dir + ", id" + dir + " LIMIT :limit";
  GLANCER_TRY(stmt, m_db.prepare(sql));
  // A named parameter takes the next index at its first use, every later use shares it.
  int index = 0;
  for (const auto& arg : args) stmt.bind(++index, arg);
  if (marker_id) stmt.bind(++index, *marker_id);
  stmt.bind(++index, query.limit);
  std::vector<MetadefNamespace> out;
  while (true) {
    GLANCER_TRY(row, stmt.step());
    if (!row) break;
    out.push_back(read_namespace(stmt));
  }
  return out;
}

Result<MetadefNamespace> LocalMetadefStore::get_namespace(const std::string& name) {
  std::lock_guard lock(m_mutex);
  GLANCER_TRY(stmt, m_db.cached(std::string("SELECT ") + k_namespace_columns +
                                " FROM metadef_namespaces WHERE namespace = ?"));
  stmt.bind_all(name);
  GLANCER_TRY(row, stmt.step());
  if (!row)
    return fail(ErrorCode::not_found, "Metadata definition namespace=" + name + " was not found.");
  return read_namespace(stmt);
}

Result<MetadefNamespaceContent> LocalMetadefStore::create_namespace(
    const MetadefNamespaceContent& content) {
  std::lock_guard lock(m_mutex);
  GLANCER_TRY(txn, SqliteTransaction::begin(m_db, SqliteTransaction::Mode::immediate));
  MetadefNamespaceContent out;
  out.ns = content.ns;
  out.ns.created_at = out.ns.updated_at = now();
  Status inserted = m_db.run(
      "INSERT INTO metadef_namespaces (namespace, display_name, description, visibility, "
      "protected, owner, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      out.ns.name, out.ns.display_name, out.ns.description, out.ns.visibility, out.ns.is_protected,
      out.ns.owner, out.ns.created_at, out.ns.updated_at);
  if (!inserted)
    return inserted.error().code == ErrorCode::conflict ? duplicate_namespace(out.ns.name)
                                                        : inserted.error();
  const int64_t id = sqlite3_last_insert_rowid(m_db.handle());
  for (const auto& association : content.associations) {
    GLANCER_TRY(added, insert_association(id, out.ns.name, association));
    out.associations.push_back(std::move(added));
  }
  const std::pair<MetadefKind, const std::vector<MetadefItem>*> kinds[] = {
      {MetadefKind::object, &content.objects},
      {MetadefKind::property, &content.properties},
      {MetadefKind::tag, &content.tags}};
  for (const auto& [kind, items] : kinds) {
    for (const auto& item : *items) {
      GLANCER_TRY(added, insert_item(id, out.ns.name, kind, item));
      (kind == MetadefKind::object     ? out.objects
       : kind == MetadefKind::property ? out.properties
                                       : out.tags)
          .push_back(std::move(added));
    }
  }
  GLANCER_CHECK(txn.commit());
  return out;
}

Result<MetadefNamespace> LocalMetadefStore::update_namespace(const std::string& name,
                                                             const MetadefNamespace& values) {
  std::lock_guard lock(m_mutex);
  GLANCER_TRY(txn, SqliteTransaction::begin(m_db, SqliteTransaction::Mode::immediate));
  GLANCER_TRY(ref, find_namespace(name));
  Status updated = m_db.run(
      "UPDATE metadef_namespaces SET namespace = ?, display_name = ?, description = ?, "
      "visibility = ?, protected = ?, owner = ?, updated_at = ? WHERE id = ?",
      values.name, values.display_name, values.description, values.visibility, values.is_protected,
      values.owner, now(), ref.id);
  if (!updated)
    return updated.error().code == ErrorCode::conflict
               ? Error{ErrorCode::conflict,
                       "Invalid update. It would result in a duplicate metadata definition "
                       "namespace with the same name of " +
                           values.name}
               : updated.error();
  GLANCER_TRY(stmt, m_db.cached(std::string("SELECT ") + k_namespace_columns +
                                " FROM metadef_namespaces WHERE id = ?"));
  stmt.bind_all(ref.id);
  GLANCER_TRY(row, stmt.step());
  if (!row) return fail(ErrorCode::internal, "the updated namespace vanished");
  MetadefNamespace out = read_namespace(stmt);
  stmt.reset();
  GLANCER_CHECK(txn.commit());
  return out;
}

Status LocalMetadefStore::delete_namespace(const std::string& name) {
  std::lock_guard lock(m_mutex);
  GLANCER_TRY(txn, SqliteTransaction::begin(m_db, SqliteTransaction::Mode::immediate));
  GLANCER_TRY(ref, find_namespace(name));
  if (ref.is_protected)
    return fail(ErrorCode::forbidden,
                "Metadata definition namespace " + name + " is protected and cannot be deleted.");
  GLANCER_CHECK(m_db.run("DELETE FROM metadef_namespaces WHERE id = ?", ref.id));
  return txn.commit();
}

Result<std::vector<MetadefResourceType>> LocalMetadefStore::list_resource_types() {
  std::lock_guard lock(m_mutex);
  GLANCER_TRY(
      stmt,
      m_db.cached("SELECT name, created_at, updated_at FROM metadef_resource_types ORDER BY id"));
  std::vector<MetadefResourceType> out;
  while (true) {
    GLANCER_TRY(row, stmt.step());
    if (!row) break;
    out.push_back({stmt.text(0), stmt.text(1), stmt.text(2)});
  }
  return out;
}

Result<int64_t> LocalMetadefStore::resource_type_id(const std::string& name) {
  {
    GLANCER_TRY(stmt, m_db.cached("SELECT id FROM metadef_resource_types WHERE name = ?"));
    stmt.bind_all(name);
    GLANCER_TRY(row, stmt.step());
    if (row) return stmt.int64(0);
  }
  const std::string stamp = now();
  GLANCER_CHECK(
      m_db.run("INSERT INTO metadef_resource_types (name, created_at, updated_at) VALUES (?, ?, ?)",
               name, stamp, stamp));
  return static_cast<int64_t>(sqlite3_last_insert_rowid(m_db.handle()));
}

Result<MetadefAssociation> LocalMetadefStore::insert_association(
    int64_t ns_id, const std::string& ns, const MetadefAssociation& association) {
  GLANCER_TRY(type_id, resource_type_id(association.name));
  MetadefAssociation out = association;
  out.created_at = out.updated_at = now();
  Status inserted = m_db.run(
      "INSERT INTO metadef_associations (namespace_id, resource_type_id, prefix, "
      "properties_target, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
      ns_id, type_id, out.prefix, out.properties_target, out.created_at, out.updated_at);
  if (!inserted && inserted.error().code == ErrorCode::conflict)
    return fail(ErrorCode::conflict,
                "The metadata definition resource-type association of "
                "resource-type=" +
                    association.name + " to namespace=" + ns + ", already exists.");
  GLANCER_CHECK(inserted);
  return out;
}

Result<std::vector<MetadefAssociation>> LocalMetadefStore::list_associations(
    const std::string& ns) {
  std::lock_guard lock(m_mutex);
  GLANCER_TRY(ref, find_namespace(ns));
  GLANCER_TRY(
      stmt, m_db.cached("SELECT r.name, a.prefix, a.properties_target, a.created_at, a.updated_at "
                        "FROM metadef_associations a JOIN metadef_resource_types r ON r.id = "
                        "a.resource_type_id WHERE a.namespace_id = ? ORDER BY a.rowid"));
  stmt.bind_all(ref.id);
  std::vector<MetadefAssociation> out;
  while (true) {
    GLANCER_TRY(row, stmt.step());
    if (!row) break;
    out.push_back(
        {stmt.text(0), stmt.optional_text(1), stmt.optional_text(2), stmt.text(3), stmt.text(4)});
  }
  return out;
}

Result<MetadefAssociation> LocalMetadefStore::add_association(
    const std::string& ns, const MetadefAssociation& association) {
  std::lock_guard lock(m_mutex);
  GLANCER_TRY(txn, SqliteTransaction::begin(m_db, SqliteTransaction::Mode::immediate));
  GLANCER_TRY(ref, find_namespace(ns));
  GLANCER_TRY(out, insert_association(ref.id, ns, association));
  GLANCER_CHECK(txn.commit());
  return out;
}

Status LocalMetadefStore::remove_association(const std::string& ns,
                                             const std::string& resource_type) {
  std::lock_guard lock(m_mutex);
  GLANCER_TRY(txn, SqliteTransaction::begin(m_db, SqliteTransaction::Mode::immediate));
  GLANCER_TRY(ref, find_namespace(ns));
  if (ref.is_protected)
    return fail(ErrorCode::forbidden, "Metadata definition resource-type-association " +
                                          resource_type + " is protected and cannot be deleted.");
  GLANCER_CHECK(
      m_db.run("DELETE FROM metadef_associations WHERE namespace_id = ? AND resource_type_id = "
               "(SELECT id FROM metadef_resource_types WHERE name = ?)",
               ref.id, resource_type));
  if (m_db.changes() == 0)
    return fail(ErrorCode::not_found,
                "The metadata definition resource-type association of "
                "resource-type=" +
                    resource_type + " to namespace=" + ns + ", was not found.");
  return txn.commit();
}

}  // namespace glancer
