// Finding and reading clouds.yaml / secure.yaml, and the OS_* environment cloud.
#include <yaml-cpp/yaml.h>

#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

#include "cloud/cloud_config.h"

extern char** environ;

namespace glancer {

namespace {

nlohmann::json to_json(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map: {
      nlohmann::json j = nlohmann::json::object();
      for (const auto& kv : node) j[kv.first.as<std::string>()] = to_json(kv.second);
      return j;
    }
    case YAML::NodeType::Sequence: {
      nlohmann::json j = nlohmann::json::array();
      for (const auto& v : node) j.push_back(to_json(v));
      return j;
    }
    case YAML::NodeType::Scalar: return node.as<std::string>();
    default: return nullptr;
  }
}

std::optional<std::filesystem::path> find_file(const ConfigSources& sources, const char* env_var,
                                               const char* stem) {
  if (auto it = sources.env.find(env_var); it != sources.env.end() && !it->second.empty()) {
    std::error_code ec;
    if (std::filesystem::is_regular_file(it->second, ec)) return std::filesystem::path(it->second);
  }
  for (const auto& dir : sources.search_dirs)
    for (const char* ext : {".yaml", ".yml", ".json"}) {
      std::error_code ec;
      auto p = dir / (std::string(stem) + ext);
      if (std::filesystem::is_regular_file(p, ec)) return p;
    }
  return std::nullopt;
}

// OS_* variables that select or tune rather than describe a cloud (openstacksdk ignores them
// when deciding whether an `envvars` cloud exists).
const std::set<std::string> k_not_cloud_vars = {"OS_CLOUD", "OS_REGION_NAME",
                                                "OS_CLIENT_CONFIG_FILE", "OS_CLIENT_SECURE_FILE",
                                                "OS_CLOUD_NAME"};

std::optional<nlohmann::json> env_cloud(const std::map<std::string, std::string>& env) {
  nlohmann::json cloud = nlohmann::json::object();
  bool any = false;
  for (const auto& [k, v] : env) {
    if (k.rfind("OS_", 0) != 0 || v.empty()) continue;
    if (!k_not_cloud_vars.count(k)) any = true;
    if (k == "OS_CLOUD" || k == "OS_CLIENT_CONFIG_FILE" || k == "OS_CLIENT_SECURE_FILE") continue;
    std::string key = k.substr(3);
    for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (key == "tenant_name") key = "project_name";
    if (key == "tenant_id") key = "project_id";
    cloud[key] = v;
  }
  if (!any) return std::nullopt;
  return cloud;
}

std::string names_of(const nlohmann::json& clouds) {
  std::string out;
  for (const auto& [k, v] : clouds.items()) out += (out.empty() ? "" : ", ") + k;
  return out.empty() ? "none" : out;
}

Result<std::optional<CloudConfig>> some(Result<CloudConfig> r) {
  if (!r) return r.error();
  return std::optional<CloudConfig>(std::move(r).value());
}

}  // namespace

ConfigSources default_config_sources() {
  ConfigSources s;
  for (char** e = environ; e && *e; ++e) {
    std::string kv(*e);
    size_t eq = kv.find('=');
    if (eq != std::string::npos) s.env[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  s.search_dirs.push_back(std::filesystem::current_path());
  if (auto it = s.env.find("HOME"); it != s.env.end())
    s.search_dirs.push_back(std::filesystem::path(it->second) / ".config/openstack");
  s.search_dirs.push_back("/etc/xdg/openstack");
  s.search_dirs.push_back("/etc/openstack");
  return s;
}

Result<nlohmann::json> load_yaml_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) return fail(ErrorCode::io, "cannot read " + path.string());
  std::stringstream text;
  text << in.rdbuf();
  try {
    nlohmann::json j = to_json(YAML::Load(text.str()));
    if (j.is_null()) j = nlohmann::json::object();
    if (!j.is_object()) return fail(ErrorCode::invalid_argument, path.string() + ": not a mapping");
    return j;
  } catch (const YAML::Exception& e) {
    return fail(ErrorCode::invalid_argument, path.string() + ": " + e.what());
  }
}

void deep_merge(nlohmann::json& base, const nlohmann::json& over) {
  if (!base.is_object() || !over.is_object()) {
    base = over;
    return;
  }
  for (const auto& [k, v] : over.items()) {
    if (base.contains(k) && base[k].is_object() && v.is_object())
      deep_merge(base[k], v);
    else
      base[k] = v;
  }
}

Result<std::optional<CloudConfig>> resolve_cloud(const ConfigSources& sources,
                                                 const std::string& cloud_name) {
  std::string name = cloud_name;
  if (name.empty())
    if (auto it = sources.env.find("OS_CLOUD"); it != sources.env.end()) name = it->second;

  nlohmann::json clouds = nlohmann::json::object();
  std::string file_name;
  if (auto file = find_file(sources, "OS_CLIENT_CONFIG_FILE", "clouds")) {
    GLANCER_TRY(doc, load_yaml_file(*file));
    file_name = file->string();
    if (doc.contains("clouds")) {
      if (!doc["clouds"].is_object())
        return fail(ErrorCode::invalid_argument, file_name + ": `clouds` must be a mapping");
      clouds = doc["clouds"];
    }
    if (auto secure = find_file(sources, "OS_CLIENT_SECURE_FILE", "secure")) {
      GLANCER_TRY(sdoc, load_yaml_file(*secure));
      if (sdoc.contains("clouds") && sdoc["clouds"].is_object())
        for (const auto& [k, v] : sdoc["clouds"].items())
          if (clouds.contains(k)) deep_merge(clouds[k], v);
    }
  }
  std::optional<nlohmann::json> env = env_cloud(sources.env);
  std::string env_name = "envvars";
  if (auto it = sources.env.find("OS_CLOUD_NAME"); it != sources.env.end()) env_name = it->second;

  if (name.empty()) {
    if (env) return some(cloud_from_json(env_name, "environment", *env));
    if (clouds.empty()) return std::optional<CloudConfig>();
    if (clouds.size() > 1)
      return fail(ErrorCode::invalid_argument, file_name + " has several clouds (" +
                                                   names_of(clouds) +
                                                   "): choose one with --cloud NAME or OS_CLOUD");
    name = clouds.begin().key();
  }
  if (name == env_name && env && !clouds.contains(name))
    return some(cloud_from_json(env_name, "environment", *env));
  if (file_name.empty())
    return fail(ErrorCode::invalid_argument,
                "cloud `" + name +
                    "` not found: no clouds.yaml (set OS_CLIENT_CONFIG_FILE or put one in "
                    "./, ~/.config/openstack/ or /etc/openstack/)");
  if (!clouds.contains(name))
    return fail(ErrorCode::invalid_argument, "cloud `" + name + "` not found in " + file_name +
                                                 " (clouds: " + names_of(clouds) + ")");
  return some(cloud_from_json(name, file_name, clouds[name]));
}

}  // namespace glancer
