// Linked into every executable of the sanitizer build (GLANCER_SANITIZE) only. When a sanitizer
// stops a process (an ASan error, a LeakSanitizer report at exit, a UBSan finding), it leaves a
// marker file died.PID naming the command in $GLANCER_SANITIZER_REPORTS, which
// tests/sanitizer_run.sh turns into a test failure.
//
// Why a marker: g++ links UBSan as its own runtime (libubsan.so) beside ASan's, and libubsan
// writes its reports to stderr whatever log_path says, so a UBSan finding in a run the test
// expected to fail, or in a server in the background, would otherwise go unnoticed. Each
// runtime keeps its own death callback, so the hook is registered in both.

#include <dlfcn.h>
#include <fcntl.h>
#include <sanitizer/common_interface_defs.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

namespace {

void write_all(int fd, const char* p, size_t n) {
  while (n > 0) {
    ssize_t k = ::write(fd, p, n);
    if (k <= 0) return;
    p += k;
    n -= static_cast<size_t>(k);
  }
}

void leave_marker(const char* runtime) {
  const char* dir = std::getenv("GLANCER_SANITIZER_REPORTS");
  if (dir == nullptr || *dir == '\0') return;
  char path[4096];
  std::snprintf(path, sizeof path, "%s/died.%d", dir, static_cast<int>(::getpid()));
  int out = ::open(path, O_WRONLY | O_CREAT | O_APPEND, 0644);
  if (out < 0) return;
  char line[256];
  int n = std::snprintf(line, sizeof line,
                        "pid %d stopped by %s; command:", static_cast<int>(::getpid()), runtime);
  write_all(out, line, static_cast<size_t>(n));
  // The command line, its NUL separators shown as spaces.
  char cmd[2048];
  int in = ::open("/proc/self/cmdline", O_RDONLY);
  ssize_t len = in >= 0 ? ::read(in, cmd, sizeof cmd) : 0;
  if (in >= 0) ::close(in);
  for (ssize_t i = 0; i < len; ++i)
    if (cmd[i] == '\0') cmd[i] = ' ';
  write_all(out, " ", 1);
  if (len > 0) write_all(out, cmd, static_cast<size_t>(len));
  write_all(out, "\n", 1);
  ::close(out);
}

void on_asan_death() {
  leave_marker("AddressSanitizer/LeakSanitizer (report in report.PID)");
}
void on_ubsan_death() {
  leave_marker("UBSan (report on that process's stderr)");
}

using SetDeathCallback = void (*)(void (*)());

struct Install {
  Install() {
    __sanitizer_set_death_callback(on_asan_death);
    if (void* ubsan = ::dlopen("libubsan.so.1", RTLD_NOW | RTLD_NOLOAD)) {
      if (void* set = ::dlsym(ubsan, "__sanitizer_set_death_callback"))
        reinterpret_cast<SetDeathCallback>(set)(on_ubsan_death);
    }
  }
} install;

}  // namespace
