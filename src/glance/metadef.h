#pragma once
/// Glance's metadata definitions catalogue (`/v2/metadefs/…`): namespaces, the resource types
/// they apply to, and the objects, properties and tags they hold. MetadefService is the seam
/// between `glancer serve`'s routes and the store that keeps them (LocalMetadefStore).

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"

namespace glancer {

/// The resource types a new store holds: those Glance's own metadefs (etc/metadefs/*.json,
/// loaded by `glance-manage db_load_metadefs`) associate with, in Glance's order.
inline constexpr const char* k_standard_resource_types[] = {
    "OS::Glance::Image",   "OS::Cinder::Volume", "OS::Nova::Flavor",
    "OS::Nova::Aggregate", "OS::Nova::Server",   "OS::Trove::Instance",
};

/// A resource type known to the catalogue.
struct MetadefResourceType {
  std::string name;
  std::string created_at;
  std::string updated_at;
};

/// A namespace's association with a resource type.
struct MetadefAssociation {
  std::string name;  ///< the resource type
  std::optional<std::string> prefix;
  std::optional<std::string> properties_target;
  std::string created_at;
  std::string updated_at;
};

/// A namespace's own attributes (what PUT replaces).
struct MetadefNamespace {
  std::string name;  ///< Glance's `namespace`, unique
  std::optional<std::string> display_name;
  std::optional<std::string> description;
  std::string visibility = "private";  ///< public | private
  bool is_protected = false;
  std::optional<std::string> owner;
  std::string created_at;
  std::string updated_at;
};

/// What the objects, properties and tags of a namespace are: each is a name and a JSON body
/// (an object's description/required/properties, a property's schema; a tag has none).
enum class MetadefKind { object, property, tag };

/// One object, property or tag of a namespace.
struct MetadefItem {
  std::string name;
  nlohmann::json body = nlohmann::json::object();
  std::string created_at;
  std::string updated_at;
};

/// A namespace with everything it holds, as POST /v2/metadefs/namespaces creates it.
struct MetadefNamespaceContent {
  MetadefNamespace ns;
  std::vector<MetadefAssociation> associations;
  std::vector<MetadefItem> objects;
  std::vector<MetadefItem> properties;
  std::vector<MetadefItem> tags;
};

/// Which namespaces a listing returns and in what order (Glance's defaults).
struct MetadefNamespaceQuery {
  /// Sees every namespace (an admin, or single-tenant mode); otherwise public ones and those
  /// owned by `project`.
  bool sees_all = true;
  std::string project;
  std::optional<std::string> visibility;    ///< only this visibility
  std::vector<std::string> resource_types;  ///< only namespaces associated with one of these
  std::optional<std::string> marker;        ///< start after this namespace (must be listable)
  int64_t limit = 25;
  std::string sort_key = "created_at";  ///< one of k_metadef_sort_keys
  bool ascending = false;
};

/// The attributes a namespace listing may be sorted by.
inline constexpr const char* k_metadef_sort_keys[] = {"created_at",   "updated_at", "namespace",
                                                      "display_name", "visibility", "owner",
                                                      "protected",    "description"};

/// Which tags a tag listing returns.
struct MetadefTagQuery {
  std::optional<std::string> marker;
  std::optional<int64_t> limit;
  std::string sort_key = "created_at";  ///< created_at | updated_at | name
  bool ascending = false;
};

/// The catalogue. Errors: not_found (unknown namespace, item, resource type or association),
/// conflict (a name already used), forbidden (deleting from or of a protected namespace),
/// invalid_argument. Visibility and roles are the caller's business (the server's).
class MetadefService {
 public:
  virtual ~MetadefService() = default;

  /// One page of namespaces.
  virtual Result<std::vector<MetadefNamespace>> list_namespaces(
      const MetadefNamespaceQuery& query) = 0;
  virtual Result<MetadefNamespace> get_namespace(const std::string& name) = 0;
  /// Creates the namespace and its content in one transaction (a missing resource type is
  /// created, as Glance does).
  virtual Result<MetadefNamespaceContent> create_namespace(
      const MetadefNamespaceContent& content) = 0;
  /// Replaces the attributes of namespace `name` (and may rename it); returns the result.
  virtual Result<MetadefNamespace> update_namespace(const std::string& name,
                                                    const MetadefNamespace& values) = 0;
  /// Deletes a namespace and all it holds; forbidden while it is protected.
  virtual Status delete_namespace(const std::string& name) = 0;

  virtual Result<std::vector<MetadefResourceType>> list_resource_types() = 0;
  virtual Result<std::vector<MetadefAssociation>> list_associations(const std::string& ns) = 0;
  /// Associates `ns` with a resource type, creating the type if it is new.
  virtual Result<MetadefAssociation> add_association(const std::string& ns,
                                                     const MetadefAssociation& association) = 0;
  virtual Status remove_association(const std::string& ns, const std::string& resource_type) = 0;

  /// Every item of a kind, in creation order (tags: as `query` asks).
  virtual Result<std::vector<MetadefItem>> list_items(const std::string& ns, MetadefKind kind,
                                                      const MetadefTagQuery& query = {}) = 0;
  virtual Result<MetadefItem> get_item(const std::string& ns, MetadefKind kind,
                                       const std::string& name) = 0;
  virtual Result<MetadefItem> create_item(const std::string& ns, MetadefKind kind,
                                          const MetadefItem& item) = 0;
  /// Replaces item `name` by `item` (which may carry another name).
  virtual Result<MetadefItem> update_item(const std::string& ns, MetadefKind kind,
                                          const std::string& name, const MetadefItem& item) = 0;
  virtual Status delete_item(const std::string& ns, MetadefKind kind, const std::string& name) = 0;
  /// Deletes every item of a kind; forbidden while the namespace is protected.
  virtual Status delete_items(const std::string& ns, MetadefKind kind) = 0;
  /// Creates several items at once: replacing all of that kind, or appended; conflict when a
  /// name repeats or (appending) already exists. Nothing changes on error.
  virtual Result<std::vector<MetadefItem>> create_items(const std::string& ns, MetadefKind kind,
                                                        const std::vector<MetadefItem>& items,
                                                        bool append) = 0;
};

}  // namespace glancer
