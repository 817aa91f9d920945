#pragma once
/// Which cloud to talk to and how to authenticate, resolved the way openstacksdk does it:
/// clouds.yaml (first file found wins, no merge) deep-merged with secure.yaml, OS_CLOUD, the
/// `envvars` cloud formed from OS_* variables, and `--cloud NAME`.

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"

namespace glancer {

/// How glancer authenticates (auth_type, normalised).
enum class AuthKind {
  password,                ///< password, v3password
  application_credential,  ///< v3applicationcredential
  token,                   ///< token, v3token: an existing Keystone token, rescoped
  admin_token,             ///< admin_token: a static token sent to auth.endpoint, no Keystone
  none,                    ///< none: no authentication, auth.endpoint or image_endpoint_override
};

/// The `auth:` block; empty strings are unset.
struct AuthConfig {
  std::string auth_url;  ///< Keystone, with or without /v3
  std::string username, user_id, password;
  std::string project_name, project_id;
  std::string user_domain_name, user_domain_id, project_domain_name, project_domain_id;
  std::string domain_name, domain_id;  ///< defaults for both domains
  std::string token;
  std::string application_credential_id, application_credential_name;
  std::string application_credential_secret;
  std::string endpoint;  ///< the image service itself (auth_type none / admin_token)
};

/// TLS settings: verify (default on), a CA bundle, a client certificate and key.
struct TlsConfig {
  bool verify = true;
  std::string cacert, cert, key;
};

/// One resolved, validated cloud.
struct CloudConfig {
  std::string name;    ///< "demo", or "envvars" for the OS_* cloud
  std::string source;  ///< the clouds.yaml path, or "environment"
  AuthKind auth_kind = AuthKind::password;
  std::string auth_type;  ///< as written ("v3password")
  AuthConfig auth;
  std::string region_name;  ///< empty: the first region of the catalog
  std::string interface = "public";
  std::string image_endpoint_override;
  TlsConfig tls;

  /// Every secret value in this config (passwords, token, secret), for redact_known.
  std::vector<std::string> secrets() const;
};

/// Where configuration comes from; injectable so tests need no real home directory.
struct ConfigSources {
  std::map<std::string, std::string> env;  ///< the process environment (OS_* …)
  std::vector<std::filesystem::path>
      search_dirs;  ///< where clouds.yaml / secure.yaml are looked for
};

/// The real environment and openstacksdk's search path: ./, ~/.config/openstack/,
/// /etc/xdg/openstack/, /etc/openstack/.
ConfigSources default_config_sources();

/// The cloud to use, or nullopt when none is configured (no --cloud, no OS_CLOUD, no OS_*
/// variables and no clouds file): then the target is the embedded store.
/// `cloud_name` is --cloud (empty = OS_CLOUD, else the envvars cloud, else the only cloud of
/// the file). Errors (invalid_argument, unauthorized never): a missing cloud, an unreadable or
/// malformed file, an unknown auth_type, a missing field ("cloud `prod`: auth.password is
/// missing (set it in secure.yaml)").
Result<std::optional<CloudConfig>> resolve_cloud(const ConfigSources& sources,
                                                 const std::string& cloud_name);

/// Builds and validates a CloudConfig from one cloud's merged JSON (clouds.yaml entry with
/// secure.yaml merged in, or the OS_* cloud). Top-level auth keys are moved into `auth`.
Result<CloudConfig> cloud_from_json(const std::string& name, const std::string& source,
                                    nlohmann::json cloud);

/// Parses a YAML (or JSON) document into JSON; scalars become strings. Internal to cloud/,
/// exposed for tests.
Result<nlohmann::json> load_yaml_file(const std::filesystem::path& path);

/// `over` merged into `base`: objects recursively, anything else replaced.
void deep_merge(nlohmann::json& base, const nlohmann::json& over);

}  // namespace glancer
