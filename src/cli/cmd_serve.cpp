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
#include "server/server.h"
#include "store/local_image_service.h"

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
  if (!is_loopback(address->host) && token.empty())
    return report_error(fail(ErrorCode::invalid_argument,
                             "listening on " + address->host +
                                 " (not loopback) requires --token or GLANCER_SERVE_TOKEN"));

  std::shared_ptr<FaultInjector> faults;
  if (!args.faults.empty()) {
    auto spec = parse_fault_spec(args.faults);
    if (!spec) return report_error(spec.error());
    faults = std::make_shared<FaultInjector>(std::move(*spec));
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
  options.image_size_cap = args.max_image_size;
  options.read_timeout = std::chrono::milliseconds(static_cast<long>(args.read_timeout_s * 1000));
  options.staging_dir = std::filesystem::path(dir) / "staging";
  options.log = [](const std::string& message) {
    std::cerr << "glancer serve: " << message << std::endl;
  };
  options.faults = faults;
  options.open_url = url_source_opener();
  auto server = GlanceServer::create(**store, std::move(options));
  if (!server) return report_error(server.error());
  auto port = (*server)->bind(address->host, address->port);
  if (!port) return report_error(port.error());

  std::cout << "glancer serve: listening on http://" << url_host(address->host) << ":" << *port
            << " (" << (*store)->describe() << ")" << (token.empty() ? "" : ", token required")
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
