// Fuzz target: raw HTTP/1.1 request bytes through `glancer serve`'s whole handler chain
// (cpp-httplib parsing, pre-routing, every route, the embedded store) without a socket. Each
// input gets a fresh store holding a queued and an active shared image whose ids the seed
// corpus uses, so every route is reachable. Any input must give HTTP responses, never a crash.

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>

#include "fuzz_check.h"
#include "server/server.h"
#include "store/local_image_service.h"

namespace {

constexpr const char* k_queued_id = "11111111-1111-4111-8111-111111111111";
constexpr const char* k_active_id = "22222222-2222-4222-8222-222222222222";

class Text : public glancer::ByteSource {
 public:
  explicit Text(std::string s) : m_s(std::move(s)) {}
  glancer::Result<size_t> read(char* buf, size_t n) override {
    size_t k = m_s.copy(buf, n, m_at);
    m_at += k;
    return k;
  }
  std::optional<uint64_t> size() const override { return m_s.size(); }

 private:
  std::string m_s;
  size_t m_at = 0;
};

std::unique_ptr<glancer::LocalImageService> seeded_store(const std::filesystem::path& dir) {
  using namespace glancer;
  auto store = LocalImageService::open(dir / "store");
  FUZZ_CHECK(store);
  ImageCreate queued;
  queued.id = k_queued_id;
  queued.name = "queued";
  queued.disk_format = "raw";
  queued.container_format = "bare";
  FUZZ_CHECK((*store)->create(queued));
  ImageCreate active = queued;
  active.id = k_active_id;
  active.name = "active";
  active.visibility = "shared";
  active.tags = {"t"};
  active.properties = {{"os_distro", "cirros"}};
  FUZZ_CHECK((*store)->create(active));
  Text data("0123456789abcdef");
  FUZZ_CHECK((*store)->upload(k_active_id, data));
  FUZZ_CHECK((*store)->add_member(k_active_id, "project-a"));
  return std::move(*store);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace glancer;
  static const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("glancer-fuzz-server-" + std::to_string(getpid()));
  std::filesystem::remove_all(dir);
  {
    auto store = seeded_store(dir);
    ServeOptions options;
    options.staging_dir = dir / "staging";
    options.max_json_body = 64 * 1024;
    options.image_size_cap = 1 << 20;
    options.pipe_capacity = 64 * 1024;
    auto server = GlanceServer::create(*store, options);
    FUZZ_CHECK(server);
    std::string response =
        (*server)->serve_bytes(std::string(reinterpret_cast<const char*>(data), size));
    FUZZ_CHECK(response.empty() || response.starts_with("HTTP/1.1 "));
  }
  std::filesystem::remove_all(dir);
  return 0;
}
