// `glancer serve`: the embedded store behind a Glance v2 API.
#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <thread>

#include "cli/commands.h"
#include "cli/url_opener.h"
#include "cloud/cloud_config.h"
#include "cloud/token_check.h"
#include "server/server.h"
#include "store/local_image_service.h"
#include "store/metadef_store.h"

namespace glancer {

namespace {

struct ListenAddress {
  std::string host;
  int port = 9292;
};

Result<ListenAddress> parse_listen(const std::string& text) {
  auto colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == text.size())
    return fail(ErrorCode::invalid_argument, "--listen must be HOST:PORT, e.g. 127.0.0.1:9292");
  ListenAddress address;
  address.host = text.substr(0, colon);
  if (address.host.size() > 2 && address.host.front() == '[' && address.host.back() == ']')
    address.host = address.host.substr(1, address.host.size() - 2);
  const std::string port = text.substr(colon + 1);
  char* end = nullptr;
  long n = std::strtol(port.c_str(), &end, 10);
  if (*end != '\0' || n < 0 || n > 65535)
    return fail(ErrorCode::invalid_argument, "invalid port '" + port + "' in --listen");
  address.port = static_cast<int>(n);
  return address;
}

bool is_loopback(const std::string& host) {
  return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

std::string url_host(const std::string& host) {
  return host.find(':') != std::string::npos ? "[" + host + "]" : host;
}

// --auth-cloud: serve's own Keystone identity and the validator of callers' tokens. Owns the
// transport and the service's authenticator, which the validator uses.
class ServeIdentity : public TokenValidator {
 public:
  static Result<std::shared_ptr<ServeIdentity>> open(const std::string& cloud_name,
                                                     const ServeArgs& args, bool debug) {
    GLANCER_TRY(found, resolve_cloud(default_config_sources(), cloud_name));
    if (!found)
      return fail(ErrorCode::invalid_argument, "--auth-cloud " + cloud_name + ": no such cloud");
    const CloudConfig& cloud = *found;
    if (cloud.auth_kind == AuthKind::none || cloud.auth_kind == AuthKind::admin_token)
      return fail(ErrorCode::invalid_argument, "--auth-cloud " + cloud_name +
                                                   ": the cloud must authenticate with Keystone "
                                                   "(auth_type " +
                                                   cloud.auth_type + ")");
    auto identity = std::shared_ptr<ServeIdentity>(new ServeIdentity);
    CurlOptions curl;
    curl.tls = cloud.tls;
    curl.secrets = cloud.secrets();
    if (debug) curl.debug = [](const std::string& line) { std::cerr << "debug: " << line << "\n"; };
    identity->m_transport = std::make_unique<CurlTransport>(std::move(curl));
    CurlTransport* transport = identity->m_transport.get();
    identity->m_service = make_authenticator(cloud, *transport);
    if (auto* keystone = dynamic_cast<KeystoneAuth*>(identity->m_service.get()))
      keystone->on_new_token([transport](const std::string& t) { transport->add_secret(t); });
    // Fail at start, not at the first request, when serve's own credentials are wrong.
    if (auto own = identity->m_service->token(); !own)
      return Error{
          own.error().code,
          "--auth-cloud " + cloud_name + ": serve cannot authenticate: " + own.error().message,
          {}};
    TokenCacheLimits limits;
    limits.max_age = std::chrono::seconds(args.auth_cache_s);
    identity->m_validator = std::make_unique<KeystoneTokenValidator>(
        *transport, *identity->m_service, identity_v3_url(cloud.auth.auth_url), system_clock(),
        limits);
    return identity;
  }
  Result<TokenInfo> validate(const std::string& token) override {
    return m_validator->validate(token);
  }

 private:
  ServeIdentity() = default;
  std::unique_ptr<CurlTransport> m_transport;
  std::unique_ptr<Authenticator> m_service;
  std::unique_ptr<KeystoneTokenValidator> m_validator;
};

}  // namespace

int run_serve(const GlobalOptions& global, const ServeArgs& args) {
  if (!global.cloud.empty())
    return report_error(fail(ErrorCode::invalid_argument,
                             "glancer serve serves an embedded store (--store DIR); --cloud " +
                                 global.cloud + " names a cloud, not a store"));
  auto address = parse_listen(args.listen);
  if (!address) return report_error(address.error());
  std::string token = args.token;
  if (token.empty())
    if (const char* env = std::getenv("GLANCER_SERVE_TOKEN")) token = env;
  if (!token.empty() && !args.auth_cloud.empty())
    return report_error(fail(ErrorCode::invalid_argument,
                             "--token and --auth-cloud exclude each other: --auth-cloud "
                             "validates each caller's own Keystone token"));
  if (!is_loopback(address->host) && token.empty() && args.auth_cloud.empty())
    return report_error(
        fail(ErrorCode::invalid_argument,
             "listening on " + address->host +
                 " (not loopback) requires --token, GLANCER_SERVE_TOKEN or --auth-cloud"));

  std::shared_ptr<FaultInjector> faults;
  if (!args.faults.empty()) {
    auto spec = parse_fault_spec(args.faults);
    if (!spec) return report_error(spec.error());
    faults = std::make_shared<FaultInjector>(std::move(*spec));
  }

  std::shared_ptr<ServeIdentity> identity;
  if (!args.auth_cloud.empty()) {
    const char* level = std::getenv("GLANCER_LOG");
    auto opened = ServeIdentity::open(args.auth_cloud, args,
                                      global.debug || (level && std::string(level) == "debug"));
    if (!opened) return report_error(opened.error());
    identity = *opened;
  }

  const std::string dir = global.store_dir.empty() ? "./.glancer/store" : global.store_dir;
  LocalStoreOptions store_options;
  store_options.image_size_cap = args.max_image_size;
  store_options.open_url = url_source_opener();
  auto store = LocalImageService::open(dir, store_options);
  if (!store) return report_error(store.error());

  // Signals are taken by one thread with sigwait; every other thread (the server's workers
  // included, which inherit this mask) keeps them blocked.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  ServeOptions options;
  options.token = token;
  options.identity = identity;
  options.image_size_cap = args.max_image_size;
  options.read_timeout = std::chrono::milliseconds(static_cast<long>(args.read_timeout_s * 1000));
  options.staging_dir = std::filesystem::path(dir) / "staging";
  options.log = [](const std::string& message) {
    std::cerr << "glancer serve: " << message << std::endl;
  };
  options.faults = faults;
  options.open_url = url_source_opener();
  auto metadefs = LocalMetadefStore::open(dir);
  if (!metadefs) return report_error(metadefs.error());
  options.metadefs = std::move(*metadefs);
  auto server = GlanceServer::create(**store, std::move(options));
  if (!server) return report_error(server.error());
  auto port = (*server)->bind(address->host, address->port);
  if (!port) return report_error(port.error());

  std::cout << "glancer serve: listening on http://" << url_host(address->host) << ":" << *port
            << " (" << (*store)->describe() << ")" << (token.empty() ? "" : ", token required")
            << (identity ? ", Keystone tokens of cloud " + args.auth_cloud : "")
            << (faults ? ", injecting faults: " + args.faults : "") << std::endl;

  std::atomic<bool> finished{false};
  std::thread waiter([&] {
    timespec tick{0, 200 * 1000 * 1000};
    while (!finished.load()) {
      if (sigtimedwait(&signals, nullptr, &tick) > 0) {
        std::cerr << "glancer serve: stopping" << std::endl;
        (*server)->stop();
        return;
      }
    }
  });
  Status ran = (*server)->run();
  finished.store(true);
  waiter.join();
  if (faults) std::cerr << "glancer serve: faults: " << faults->summary() << std::endl;
  if (!ran) return report_error(ran.error());
  std::cerr << "glancer serve: stopped" << std::endl;
  return 0;
}

}  // namespace glancer
