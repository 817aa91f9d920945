#include "cli/multi_cloud.h"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <cstring>
#include <iostream>
#include <nlohmann/json.hpp>
#include <set>

extern char** environ;

namespace glancer {

namespace {

const std::set<std::string> k_multi_commands{"plan", "apply", "destroy", "drift"};
const std::set<std::string> k_commands{"validate", "plan",  "apply", "destroy", "import",
                                       "show",     "drift", "graph", "serve",   "catalogue"};

// The value of `--NAME VALUE` / `--NAME=VALUE` options, in order.
std::vector<std::string> option_values(int argc, char** argv, const std::string& name) {
  std::vector<std::string> out;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == name && i + 1 < argc)
      out.push_back(argv[++i]);
    else if (a.rfind(name + "=", 0) == 0)
      out.push_back(a.substr(name.size() + 1));
  }
  return out;
}

std::string command_of(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--store" || a == "--cloud")
      ++i;  // their values are not commands
    else if (k_commands.count(a))
      return a;
  }
  return "";
}

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

// argv for one cloud: its own --cloud first, every other --cloud gone, {cloud} filled in.
std::vector<std::string> child_args(int argc, char** argv, const std::string& cloud) {
  std::vector<std::string> out{argv[0], "--cloud", cloud};
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--cloud")
      ++i;
    else if (a.rfind("--cloud=", 0) != 0)
      out.push_back(replace_all(a, "{cloud}", cloud));
  }
  return out;
}

struct Child {
  std::string cloud;
  pid_t pid = -1;
  int out_fd = -1, err_fd = -1;  // err_fd == -1: stderr shares out_fd
  std::string out, out_line, err_line;
  int exit_code = 1;
};

volatile std::sig_atomic_t g_terminate = 0;
void on_terminate(int) {
  g_terminate = 1;
}

Child spawn(const std::vector<std::string>& args, const std::string& cloud, bool merge_stderr) {
  Child c;
  c.cloud = cloud;
  int out[2], err[2] = {-1, -1};
  if (pipe(out) != 0 || (!merge_stderr && pipe(err) != 0)) return c;
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&fa, out[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&fa, merge_stderr ? out[1] : err[1], STDERR_FILENO);
  for (int fd : {out[0], out[1], err[0], err[1]})
    if (fd >= 0) posix_spawn_file_actions_addclose(&fa, fd);
  // The parent ignores Ctrl-C so it can report; each cloud's process handles it itself.
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t defaults;
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGINT);
  sigaddset(&defaults, SIGTERM);
  posix_spawnattr_setsigdefault(&attr, &defaults);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF);
  std::vector<char*> cargs;
  for (const auto& a : args) cargs.push_back(const_cast<char*>(a.c_str()));
  cargs.push_back(nullptr);
  if (posix_spawn(&c.pid, "/proc/self/exe", &fa, &attr, cargs.data(), environ) != 0) c.pid = -1;
  posix_spawn_file_actions_destroy(&fa);
  posix_spawnattr_destroy(&attr);
  close(out[1]);
  if (err[1] >= 0) close(err[1]);
  c.out_fd = out[0];
  c.err_fd = err[0];
  return c;
}

// Emits the complete lines of `pending` (keeping a partial last line) prefixed for `cloud`.
void flush_lines(std::string& pending, const std::string& prefix, std::ostream& to, bool all) {
  size_t start = 0;
  for (size_t nl; (nl = pending.find('\n', start)) != std::string::npos; start = nl + 1)
    to << prefix << std::string_view(pending).substr(start, nl - start) << "\n";
  pending.erase(0, start);
  if (all && !pending.empty()) to << prefix << pending << "\n", pending.clear();
  to.flush();
}

nlohmann::json parse_output(const std::string& text) {
  auto doc = nlohmann::json::parse(text, nullptr, false);
  if (!doc.is_discarded()) return doc;
  nlohmann::json lines = nlohmann::json::array();  // JSON-lines events
  size_t start = 0;
  for (size_t nl; start < text.size(); start = nl + 1) {
    nl = text.find('\n', start);
    if (nl == std::string::npos) nl = text.size();
    auto line = nlohmann::json::parse(text.substr(start, nl - start), nullptr, false);
    if (line.is_discarded()) return text.empty() ? nlohmann::json(nullptr) : nlohmann::json(text);
    lines.push_back(std::move(line));
  }
  return lines;
}

// The <testsuite> elements of a JUnit document, each suite's name prefixed with the cloud.
std::string junit_suites(const std::string& xml, const std::string& cloud) {
  size_t begin = xml.find("<testsuites");
  size_t end = xml.rfind("</testsuites>");
  std::string inner = xml;
  if (begin != std::string::npos && end != std::string::npos) {
    begin = xml.find('>', begin) + 1;
    inner = xml.substr(begin, end - begin);
  }
  return replace_all(inner, "<testsuite name=\"", "<testsuite name=\"" + cloud + ": ");
}

const char* outcome_word(const std::string& command, int code) {
  if (code == 0) return "ok";
  if (code == 2) return command == "drift" ? "drift" : "changes";
  return "failed";
}

}  // namespace

std::optional<std::vector<std::string>> several_clouds(int argc, char** argv) {
  auto clouds = option_values(argc, argv, "--cloud");
  if (clouds.size() < 2) return std::nullopt;
  return clouds;
}

int run_each_cloud(int argc, char** argv, const std::vector<std::string>& clouds) {
  const std::string command = command_of(argc, argv);
  if (!k_multi_commands.count(command)) {
    std::cerr << "glancer: error: several --cloud options work with plan, apply, destroy and drift"
              << (command.empty() ? "" : ", not " + command) << "\n";
    return 1;
  }
  if (std::set<std::string>(clouds.begin(), clouds.end()).size() != clouds.size()) {
    std::cerr << "glancer: error: a cloud is named twice in --cloud\n";
    return 1;
  }
  auto formats = option_values(argc, argv, "--format");
  const std::string format = formats.empty() ? "human" : formats.back();
  const bool human = format == "human";
  std::signal(SIGINT, SIG_IGN);
  std::signal(SIGTERM, on_terminate);

  size_t width = 0;
  for (const auto& c : clouds) width = std::max(width, c.size());
  auto prefix = [&](const std::string& cloud) {
    return "[" + cloud + "] " + std::string(width - cloud.size(), ' ');
  };

  std::vector<Child> children;
  for (const auto& cloud : clouds) {
    children.push_back(spawn(child_args(argc, argv, cloud), cloud, human));
    if (children.back().pid < 0) {
      std::cerr << "glancer: error: cannot start a process for cloud " << cloud << ": "
                << std::strerror(errno) << "\n";
      for (auto& c : children)
        if (c.pid > 0) kill(c.pid, SIGTERM);
    }
  }
  // Read every child's output as it comes: human lines go out at once, prefixed.
  char buf[65536];
  for (;;) {
    std::vector<pollfd> fds;
    std::vector<std::pair<Child*, bool>> owner;  // (child, is stderr)
    for (auto& c : children) {
      if (c.out_fd >= 0) fds.push_back({c.out_fd, POLLIN, 0}), owner.push_back({&c, false});
      if (c.err_fd >= 0) fds.push_back({c.err_fd, POLLIN, 0}), owner.push_back({&c, true});
    }
    if (fds.empty()) break;
    if (g_terminate) {  // pass a SIGTERM sent to this process on to every cloud's process
      g_terminate = 0;
      for (auto& c : children) kill(c.pid, SIGTERM);
    }
    if (poll(fds.data(), fds.size(), 500) < 0 && errno != EINTR) break;
    for (size_t i = 0; i < fds.size(); ++i) {
      if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      auto [c, is_err] = owner[i];
      const ssize_t n = read(fds[i].fd, buf, sizeof buf);
      if (n > 0) {
        if (is_err)
          c->err_line.append(buf, n), flush_lines(c->err_line, prefix(c->cloud), std::cerr, false);
        else if (human)
          c->out_line.append(buf, n), flush_lines(c->out_line, prefix(c->cloud), std::cout, false);
        else
          c->out.append(buf, n);
      } else if (n == 0 || errno != EINTR) {
        close(fds[i].fd);
        (is_err ? c->err_fd : c->out_fd) = -1;
        if (is_err)
          flush_lines(c->err_line, prefix(c->cloud), std::cerr, true);
        else if (human)
          flush_lines(c->out_line, prefix(c->cloud), std::cout, true);
      }
    }
  }
  int worst = 0;
  for (auto& c : children) {
    int status = 0;
    if (c.pid > 0 && waitpid(c.pid, &status, 0) == c.pid)
      c.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 1;
    worst = (c.exit_code == 1 || worst == 1) ? 1 : std::max(worst, c.exit_code);
  }

  if (human) {
    std::cout << "\n";
    for (const auto& c : children)
      std::cout << prefix(c.cloud) << "exit " << c.exit_code << " ("
                << outcome_word(command, c.exit_code) << ")\n";
  } else if (format == "json") {
    nlohmann::json doc{{"clouds", nlohmann::json::array()}};
    for (const auto& c : children)
      doc["clouds"].push_back(
          {{"cloud", c.cloud}, {"exit_code", c.exit_code}, {"output", parse_output(c.out)}});
    std::cout << doc.dump(2) << "\n";
  } else if (format == "junit") {
    std::cout << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"glancer "
              << command << "\">";
    for (const auto& c : children) std::cout << junit_suites(c.out, c.cloud);
    std::cout << "</testsuites>\n";
  } else {  // markdown, or any other text format: one section per cloud
    for (const auto& c : children)
      std::cout << "## Cloud `" << c.cloud << "` (exit " << c.exit_code << ")\n\n" << c.out << "\n";
  }
  return worst;
}

}  // namespace glancer
