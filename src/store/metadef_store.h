#pragma once
/// LocalMetadefStore: the metadata definitions catalogue in the embedded store's SQLite
/// database (tables of schema version 2, see metadef_schema.cpp), on a connection of its own.

#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/clock.h"
#include "glance/metadef.h"
#include "store/sqlite_db.h"

namespace glancer {

class LocalMetadefStore : public MetadefService {
 public:
  /// Opens the catalogue of the store in `dir` (creating or migrating its schema like
  /// LocalImageService::open); `clock` stamps created_at/updated_at (the system clock if null).
  static Result<std::unique_ptr<LocalMetadefStore>> open(
      const std::filesystem::path& dir, std::shared_ptr<const Clock> clock = nullptr,
      std::chrono::milliseconds busy_timeout = std::chrono::milliseconds(30000));

  Result<std::vector<MetadefNamespace>> list_namespaces(
      const MetadefNamespaceQuery& query) override;
  Result<MetadefNamespace> get_namespace(const std::string& name) override;
  Result<MetadefNamespaceContent> create_namespace(const MetadefNamespaceContent& content) override;
  Result<MetadefNamespace> update_namespace(const std::string& name,
                                            const MetadefNamespace& values) override;
  Status delete_namespace(const std::string& name) override;

  Result<std::vector<MetadefResourceType>> list_resource_types() override;
  Result<std::vector<MetadefAssociation>> list_associations(const std::string& ns) override;
  Result<MetadefAssociation> add_association(const std::string& ns,
                                             const MetadefAssociation& association) override;
  Status remove_association(const std::string& ns, const std::string& resource_type) override;

  Result<std::vector<MetadefItem>> list_items(const std::string& ns, MetadefKind kind,
                                              const MetadefTagQuery& query = {}) override;
  Result<MetadefItem> get_item(const std::string& ns, MetadefKind kind,
                               const std::string& name) override;
  Result<MetadefItem> create_item(const std::string& ns, MetadefKind kind,
                                  const MetadefItem& item) override;
  Result<MetadefItem> update_item(const std::string& ns, MetadefKind kind, const std::string& name,
                                  const MetadefItem& item) override;
  Status delete_item(const std::string& ns, MetadefKind kind, const std::string& name) override;
  Status delete_items(const std::string& ns, MetadefKind kind) override;
  Result<std::vector<MetadefItem>> create_items(const std::string& ns, MetadefKind kind,
                                                const std::vector<MetadefItem>& items,
                                                bool append) override;

 private:
  /// A namespace's row id and protected flag.
  struct NamespaceRef {
    int64_t id = 0;
    bool is_protected = false;
  };

  LocalMetadefStore(SqliteDb db, std::shared_ptr<const Clock> clock)
      : m_db(std::move(db)), m_clock(std::move(clock)) {}
  std::string now() const { return utc_now(*m_clock); }
  /// not_found when the namespace does not exist. Callers hold m_mutex.
  Result<NamespaceRef> find_namespace(const std::string& name);
  /// The row id of a resource type, creating it when new. Callers hold m_mutex.
  Result<int64_t> resource_type_id(const std::string& name);
  Result<MetadefAssociation> insert_association(int64_t ns_id, const std::string& ns,
                                                const MetadefAssociation& association);
  Result<MetadefItem> insert_item(int64_t ns_id, const std::string& ns, MetadefKind kind,
                                  const MetadefItem& item);

  std::mutex m_mutex;  // guards m_db: one statement or transaction at a time
  SqliteDb m_db;
  std::shared_ptr<const Clock> m_clock;
};

/// The kind's name as stored and as Glance's messages say it ("object", "property", "tag").
const char* metadef_kind_name(MetadefKind kind);

}  // namespace glancer
