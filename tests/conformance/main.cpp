// The conformance runner. Target, in order:
//   --endpoint URL or GLANCER_CONFORMANCE_ENDPOINT  → HttpImageService without auth (glancer serve)
//   --cloud NAME   or GLANCER_CONFORMANCE_CLOUD     → HttpImageService on a clouds.yaml cloud
//   otherwise                                       → LocalImageService in a temporary directory
// Other arguments go to doctest. GLANCER_LOG=debug logs every HTTP request.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <random>

#include "cloud/cloud_config.h"
#include "conformance.h"
#include "glance/http_image_service.h"
#include "store/local_image_service.h"

namespace glancer::conformance {

namespace {
std::unique_ptr<ImageService> g_service;
std::string g_run_id;
}  // namespace

ImageService& service() {
  return *g_service;
}
std::string target_name() {
  return g_service->describe();
}
std::string unique_name(const std::string& base) {
  return "conformance " + base + " " + g_run_id;
}

Images::~Images() {
  for (const auto& id : m_ids) {
    (void)service().update(id, {PatchOp{PatchOp::Kind::replace, "/protected", false}});
    (void)service().remove(id);
  }
}

Image Images::create(ImageCreate request) {
  request.properties[k_run_label] = g_run_id;
  auto r = service().create(request);
  REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.error().message));
  m_ids.push_back(r->id);
  return *r;
}

ImageCreate Images::uploadable(const std::string& base) {
  ImageCreate c;
  c.name = unique_name(base);
  c.disk_format = "raw";
  c.container_format = "bare";
  c.visibility = "private";
  return c;
}

Result<size_t> StringSource::read(char* buf, size_t n) {
  size_t k = std::min(n, m_data.size() - m_pos);
  std::copy_n(m_data.data() + m_pos, k, buf);
  m_pos += k;
  return k;
}

std::string pattern(size_t n) {
  std::string s(n, '\0');
  for (size_t i = 0; i < n; ++i) s[i] = static_cast<char>((i * 7 + 3) % 251);
  return s;
}

}  // namespace glancer::conformance

int main(int argc, char** argv) {
  using namespace glancer;
  std::string endpoint, cloud;
  if (const char* e = std::getenv("GLANCER_CONFORMANCE_ENDPOINT")) endpoint = e;
  if (const char* c = std::getenv("GLANCER_CONFORMANCE_CLOUD")) cloud = c;
  std::vector<char*> rest = {argv[0]};
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if ((a == "--endpoint" || a == "--cloud") && i + 1 < argc)
      (a == "--cloud" ? cloud : endpoint) = argv[++i];
    else
      rest.push_back(argv[i]);
  }
  std::random_device rd;
  conformance::g_run_id = std::to_string(rd() % 1000000);

  HttpServiceOptions http;
  if (const char* level = std::getenv("GLANCER_LOG"); level && std::string(level) == "debug")
    http.debug = [](const std::string& line) { std::cerr << "debug: " << line << "\n"; };
  std::filesystem::path temp;
  if (!endpoint.empty() || !cloud.empty()) {
    Result<CloudConfig> config = fail(ErrorCode::internal, "");
    if (!endpoint.empty()) {
      config = cloud_from_json("conformance", "--endpoint",
                               {{"auth_type", "none"}, {"auth", {{"endpoint", endpoint}}}});
    } else {
      auto found = resolve_cloud(default_config_sources(), cloud);
      if (found && !*found) found = fail(ErrorCode::not_found, "cloud `" + cloud + "` not found");
      config = found ? Result<CloudConfig>(**found) : Result<CloudConfig>(found.error());
    }
    auto opened = config ? HttpImageService::open(*config, http)
                         : Result<std::unique_ptr<HttpImageService>>(config.error());
    if (!opened) {
      std::cerr << "conformance: " << opened.error().message << "\n";
      return 1;
    }
    conformance::g_service = std::move(opened).value();
  } else {
    temp =
        std::filesystem::temp_directory_path() / ("glancer-conformance-" + conformance::g_run_id);
    auto opened = LocalImageService::open(temp);
    if (!opened) {
      std::cerr << "conformance: " << opened.error().message << "\n";
      return 1;
    }
    conformance::g_service = std::move(opened).value();
  }
  std::cerr << "conformance target: " << conformance::target_name() << "\n";
  doctest::Context context(static_cast<int>(rest.size()), rest.data());
  int code = context.run();
  conformance::g_service.reset();
  if (!temp.empty()) std::filesystem::remove_all(temp);
  return code;
}
