// One cloud's JSON → a validated CloudConfig (openstacksdk's key handling).
#include "cloud/cloud_config.h"

#include <set>

namespace glancer {

namespace {

// Keys that belong in `auth` even when written at the top level (openstacksdk moves them).
const std::set<std::string> k_auth_keys = {"auth_url",
                                           "username",
                                           "user_id",
                                           "password",
                                           "project_name",
                                           "project_id",
                                           "user_domain_name",
                                           "user_domain_id",
                                           "project_domain_name",
                                           "project_domain_id",
                                           "domain_name",
                                           "domain_id",
                                           "token",
                                           "application_credential_id",
                                           "application_credential_name",
                                           "application_credential_secret",
                                           "endpoint"};

std::string str(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return "";
  if (it->is_string()) return it->get<std::string>();
  return it->dump();
}

bool truthy(const std::string& v) {
  return v == "true" || v == "True" || v == "TRUE" || v == "yes" || v == "1" || v == "on";
}

std::string dashes_to_underscores(std::string k) {
  for (char& c : k)
    if (c == '-') c = '_';
  return k;
}

}  // namespace

std::vector<std::string> CloudConfig::secrets() const {
  std::vector<std::string> out;
  for (const std::string* s : {&auth.password, &auth.token, &auth.application_credential_secret})
    if (!s->empty()) out.push_back(*s);
  return out;
}

Result<CloudConfig> cloud_from_json(const std::string& name, const std::string& source,
                                    nlohmann::json cloud) {
  auto bad = [&](const std::string& what) {
    return fail(ErrorCode::invalid_argument, "cloud `" + name + "`: " + what);
  };
  if (!cloud.is_object()) return bad("must be a mapping (in " + source + ")");
  nlohmann::json flat = nlohmann::json::object();
  for (const auto& [k, v] : cloud.items()) flat[dashes_to_underscores(k)] = v;
  nlohmann::json auth = nlohmann::json::object();
  if (flat.contains("auth")) {
    if (!flat["auth"].is_object()) return bad("`auth` must be a mapping");
    for (const auto& [k, v] : flat["auth"].items()) auth[dashes_to_underscores(k)] = v;
  }
  for (const auto& key : k_auth_keys)
    if (flat.contains(key) && !auth.contains(key)) auth[key] = flat[key];

  CloudConfig c;
  c.name = name;
  c.source = source;
  AuthConfig& a = c.auth;
  a.auth_url = str(auth, "auth_url");
  a.username = str(auth, "username");
  a.user_id = str(auth, "user_id");
  a.password = str(auth, "password");
  a.project_name = str(auth, "project_name");
  if (a.project_name.empty()) a.project_name = str(auth, "tenant_name");
  a.project_id = str(auth, "project_id");
  if (a.project_id.empty()) a.project_id = str(auth, "tenant_id");
  a.domain_name = str(auth, "domain_name");
  a.domain_id = str(auth, "domain_id");
  a.user_domain_name = str(auth, "user_domain_name");
  a.user_domain_id = str(auth, "user_domain_id");
  a.project_domain_name = str(auth, "project_domain_name");
  a.project_domain_id = str(auth, "project_domain_id");
  if (a.user_domain_name.empty() && a.user_domain_id.empty()) {
    a.user_domain_name = a.domain_name;
    a.user_domain_id = a.domain_id;
  }
  if (a.project_domain_name.empty() && a.project_domain_id.empty()) {
    a.project_domain_name = a.domain_name;
    a.project_domain_id = a.domain_id;
  }
  a.token = str(auth, "token");
  a.application_credential_id = str(auth, "application_credential_id");
  a.application_credential_name = str(auth, "application_credential_name");
  a.application_credential_secret = str(auth, "application_credential_secret");
  a.endpoint = str(auth, "endpoint");

  c.region_name = str(flat, "region_name");
  if (std::string i = str(flat, "interface"); !i.empty()) c.interface = i;
  if (c.interface.size() > 3 && c.interface.compare(c.interface.size() - 3, 3, "URL") == 0)
    c.interface.resize(c.interface.size() - 3);  // publicURL → public
  if (c.interface != "public" && c.interface != "internal" && c.interface != "admin")
    return bad("unknown interface `" + c.interface + "` (use public, internal or admin)");
  c.image_endpoint_override = str(flat, "image_endpoint_override");
  if (std::string v = str(flat, "identity_api_version"); !v.empty() && v != "3" && v != "3.0")
    return bad("identity_api_version " + v + " is not supported (only Keystone v3)");

  // TLS: verify may be a boolean or a CA bundle path; insecure: true turns verification off.
  if (std::string v = str(flat, "verify"); !v.empty()) {
    if (v == "false" || v == "False" || v == "no" || v == "0")
      c.tls.verify = false;
    else if (!truthy(v))
      c.tls.cacert = v;
  }
  if (truthy(str(flat, "insecure"))) c.tls.verify = false;
  if (std::string v = str(flat, "cacert"); !v.empty()) c.tls.cacert = v;
  c.tls.cert = str(flat, "cert");
  c.tls.key = str(flat, "key");

  c.auth_type = str(flat, "auth_type");
  const std::string& t = c.auth_type;
  if (t.empty() || t == "password" || t == "v3password")
    c.auth_kind = AuthKind::password;
  else if (t == "v3applicationcredential" || t == "applicationcredential" ||
           t == "application_credential")
    c.auth_kind = AuthKind::application_credential;
  else if (t == "token" || t == "v3token")
    c.auth_kind = AuthKind::token;
  else if (t == "admin_token")
    c.auth_kind = AuthKind::admin_token;
  else if (t == "none" || t == "noauth")
    c.auth_kind = AuthKind::none;
  else
    return bad("unknown auth_type `" + t +
               "` (use password, v3password, v3applicationcredential, token, v3token, admin_token "
               "or none)");

  auto missing = [&](const std::string& field, bool secret = false) {
    return bad(field + " is missing" + (secret ? " (set it in secure.yaml)" : ""));
  };
  auto need_scope = [&]() -> Status {
    if (a.project_name.empty() && a.project_id.empty())
      return missing("auth.project_name (or auth.project_id)");
    if (a.project_id.empty() && a.project_domain_name.empty() && a.project_domain_id.empty())
      return missing("auth.project_domain_name (or auth.project_domain_id)");
    return {};
  };
  auto need_user = [&]() -> Status {
    if (a.username.empty() && a.user_id.empty()) return missing("auth.username (or auth.user_id)");
    if (a.user_id.empty() && a.user_domain_name.empty() && a.user_domain_id.empty())
      return missing("auth.user_domain_name (or auth.user_domain_id)");
    return {};
  };
  bool keystone = c.auth_kind != AuthKind::none && c.auth_kind != AuthKind::admin_token;
  if (keystone && a.auth_url.empty()) return missing("auth.auth_url");
  switch (c.auth_kind) {
    case AuthKind::password:
      GLANCER_CHECK(need_user());
      if (a.password.empty()) return missing("auth.password", true);
      GLANCER_CHECK(need_scope());
      break;
    case AuthKind::application_credential:
      if (a.application_credential_id.empty()) {
        if (a.application_credential_name.empty())
          return missing("auth.application_credential_id (or auth.application_credential_name)");
        GLANCER_CHECK(need_user());
      }
      if (a.application_credential_secret.empty())
        return missing("auth.application_credential_secret", true);
      break;
    case AuthKind::token:
      if (a.token.empty()) return missing("auth.token", true);
      GLANCER_CHECK(need_scope());
      break;
    case AuthKind::admin_token:
      if (a.token.empty()) return missing("auth.token", true);
      [[fallthrough]];
    case AuthKind::none:
      if (a.endpoint.empty() && c.image_endpoint_override.empty())
        return missing("auth.endpoint (or image_endpoint_override)");
      break;
  }
  return c;
}

}  // namespace glancer
