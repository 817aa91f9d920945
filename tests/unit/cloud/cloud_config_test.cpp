// clouds.yaml / secure.yaml / OS_* resolution (openstacksdk's rules), on temp files.
#include "cloud/cloud_config.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <random>

namespace glancer {

namespace fs = std::filesystem;

namespace {

struct Dirs {
  fs::path root;
  Dirs() {
    std::random_device rd;
    root = fs::temp_directory_path() / ("glancer-cloud-test-" + std::to_string(rd()));
    fs::create_directories(root / "a");
    fs::create_directories(root / "b");
  }
  ~Dirs() {
    std::error_code ec;
    fs::remove_all(root, ec);
  }
  void write(const std::string& rel, const std::string& text) const {
    std::ofstream(root / rel) << text;
  }
  ConfigSources sources(std::map<std::string, std::string> env = {}) const {
    return ConfigSources{std::move(env), {root / "a", root / "b"}};
  }
};

const char* k_clouds = R"(clouds:
  demo:
    auth:
      auth_url: http://127.0.0.1:5000
      username: demo
      project_name: demo
      user_domain_name: Default
      project_domain_name: Default
    region_name: RegionOne
  appcred:
    auth_type: v3applicationcredential
    auth:
      auth_url: http://127.0.0.1:5000/v3
      application_credential_id: abc
      application_credential_secret: s3cret
  local:
    auth_type: none
    auth:
      endpoint: http://127.0.0.1:9292
)";

CloudConfig resolve_ok(const ConfigSources& s, const std::string& name) {
  auto r = resolve_cloud(s, name);
  REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.error().message));
  REQUIRE(r->has_value());
  return **r;
}

std::string resolve_error(const ConfigSources& s, const std::string& name) {
  auto r = resolve_cloud(s, name);
  REQUIRE_FALSE(r.ok());
  return r.error().message;
}

}  // namespace

TEST_SUITE("cloud") {
  TEST_CASE("cloud: nothing configured means no cloud (the embedded store)") {
    Dirs d;
    auto r = resolve_cloud(d.sources({{"HOME", "/nonexistent"}, {"OS_REGION_NAME", "x"}}), "");
    REQUIRE(r.ok());
    CHECK_FALSE(r->has_value());
  }

  TEST_CASE("cloud: secure.yaml is deep-merged; the missing password names secure.yaml") {
    Dirs d;
    d.write("a/clouds.yaml", k_clouds);
    CHECK(resolve_error(d.sources(), "demo") ==
          "cloud `demo`: auth.password is missing (set it in secure.yaml)");
    d.write("b/secure.yaml", "clouds:\n  demo:\n    auth:\n      password: pw\n");
    CloudConfig c = resolve_ok(d.sources(), "demo");
    CHECK(c.auth.password == "pw");
    CHECK(c.auth.username == "demo");
    CHECK(c.region_name == "RegionOne");
    CHECK(c.interface == "public");
    CHECK(c.auth_kind == AuthKind::password);
    CHECK(c.source == (d.root / "a/clouds.yaml").string());
    CHECK(c.secrets() == std::vector<std::string>{"pw"});
  }

  TEST_CASE("cloud: the first clouds file found wins, no merge; OS_CLIENT_CONFIG_FILE goes first") {
    Dirs d;
    d.write("a/clouds.yml", "clouds:\n  x:\n    auth_type: none\n    auth: {endpoint: http://a}\n");
    d.write("b/clouds.yaml", k_clouds);
    CHECK(resolve_ok(d.sources(), "x").auth.endpoint == "http://a");
    CHECK(resolve_error(d.sources(), "demo").find("cloud `demo` not found in") == 0);
    auto s = d.sources({{"OS_CLIENT_CONFIG_FILE", (d.root / "b/clouds.yaml").string()}});
    CHECK(resolve_ok(s, "local").auth.endpoint == "http://127.0.0.1:9292");
  }

  TEST_CASE("cloud: OS_CLOUD selects; --cloud beats it; OS_* do not override a named cloud") {
    Dirs d;
    d.write("a/clouds.yaml", k_clouds);
    auto s =
        d.sources({{"OS_CLOUD", "local"}, {"OS_AUTH_URL", "http://env"}, {"OS_PASSWORD", "x"}});
    CHECK(resolve_ok(s, "").name == "local");
    CHECK(resolve_ok(s, "appcred").auth.application_credential_secret == "s3cret");
    CHECK(resolve_ok(s, "appcred").auth_kind == AuthKind::application_credential);
  }

  TEST_CASE("cloud: OS_* variables form the envvars cloud") {
    Dirs d;
    d.write("a/clouds.yaml", k_clouds);
    auto s = d.sources({{"OS_AUTH_URL", "http://k:5000/v3"},
                        {"OS_USERNAME", "u"},
                        {"OS_PASSWORD", "p"},
                        {"OS_PROJECT_NAME", "pr"},
                        {"OS_USER_DOMAIN_NAME", "Default"},
                        {"OS_PROJECT_DOMAIN_ID", "default"},
                        {"OS_INTERFACE", "internalURL"},
                        {"OS_INSECURE", "true"},
                        {"OS_REGION_NAME", "R2"}});
    CloudConfig c = resolve_ok(s, "");
    CHECK(c.name == "envvars");
    CHECK(c.source == "environment");
    CHECK(c.auth.auth_url == "http://k:5000/v3");
    CHECK(c.auth.project_domain_id == "default");
    CHECK(c.interface == "internal");
    CHECK(c.region_name == "R2");
    CHECK_FALSE(c.tls.verify);
    CHECK(resolve_ok(s, "envvars").auth.username == "u");
  }

  TEST_CASE(
      "cloud: one cloud in the file is used; several need a choice; missing clouds are named") {
    Dirs d;
    d.write("a/clouds.yaml", k_clouds);
    CHECK(
        resolve_error(d.sources(), "") ==
        (d.root / "a/clouds.yaml").string() +
            " has several clouds (appcred, demo, local): choose one with --cloud NAME or OS_CLOUD");
    CHECK(resolve_error(d.sources(), "prod") == "cloud `prod` not found in " +
                                                    (d.root / "a/clouds.yaml").string() +
                                                    " (clouds: appcred, demo, local)");
    d.write("a/clouds.yaml",
            "clouds:\n  only:\n    auth_type: none\n    auth: {endpoint: http://o}\n");
    CHECK(resolve_ok(d.sources(), "").name == "only");
    Dirs empty;
    CHECK(resolve_error(empty.sources(), "prod").find("cloud `prod` not found: no clouds.yaml") ==
          0);
  }

  TEST_CASE("cloud: auth types, their required fields, TLS options") {
    auto make = [](const std::string& yaml_json) {
      return cloud_from_json("c", "f", nlohmann::json::parse(yaml_json));
    };
    CHECK(make(R"({"auth_type":"kerberos"})")
              .error()
              .message.find("cloud `c`: unknown auth_type `kerberos`") == 0);
    CHECK(
        make(
            R"({"auth_type":"v3applicationcredential","auth":{"auth_url":"u","application_credential_name":"n","application_credential_secret":"s"}})")
            .error()
            .message == "cloud `c`: auth.username (or auth.user_id) is missing");
    CHECK(
        make(
            R"({"auth_type":"v3applicationcredential","auth":{"auth_url":"u","application_credential_name":"n","user_id":"x","application_credential_secret":"s"}})")
            .ok());
    CHECK(make(R"({"auth_type":"v3token","auth":{"auth_url":"u","project_id":"p"}})")
              .error()
              .message == "cloud `c`: auth.token is missing (set it in secure.yaml)");
    CHECK(make(R"({"auth_type":"token","auth":{"auth_url":"u","project_id":"p","token":"t"}})")
              ->auth_kind == AuthKind::token);
    CHECK(make(R"({"auth_type":"none"})").error().message ==
          "cloud `c`: auth.endpoint (or image_endpoint_override) is missing");
    CHECK(make(R"({"auth":{"username":"u","password":"p","project_name":"p","domain_name":"D"}})")
              .error()
              .message == "cloud `c`: auth.auth_url is missing");
    auto c =
        make(R"({"auth_url":"k","username":"u","password":"p","project_name":"p","domain_name":"D",
                      "verify":"/ca.pem","cert":"/c.pem","key":"/k.pem","image_endpoint_override":"http://g/v2"})");
    REQUIRE(c.ok());
    CHECK(c->auth.user_domain_name == "D");  // domain_name is the default of both domains
    CHECK(c->auth.project_domain_name == "D");
    CHECK(c->tls.verify);
    CHECK(c->tls.cacert == "/ca.pem");
    CHECK(c->tls.cert == "/c.pem");
    CHECK(c->tls.key == "/k.pem");
    CHECK(make(R"({"auth_type":"none","auth":{"endpoint":"e"},"verify":"false"})")->tls.verify ==
          false);
    CHECK(make(R"({"auth_type":"none","auth":{"endpoint":"e"},"identity_api_version":"2"})")
              .error()
              .message == "cloud `c`: identity_api_version 2 is not supported (only Keystone v3)");
  }
}

}  // namespace glancer
