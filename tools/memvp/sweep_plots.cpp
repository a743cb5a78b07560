// Runs the sweep's plot script from the source tree's tools/ (MEMVP_TOOLS_DIR, fixed at build
// time) as a child process, with the first python3 that can import matplotlib and numpy: the one
// on PATH, else Debian's /usr/bin/python3 (a python3 earlier on PATH, e.g. pyenv's, may lack them).
#include "tools/memvp/sweep_plots.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <vector>

extern char** environ;

namespace memvp::sweep {

namespace fs = std::filesystem;

namespace {

// The first executable `name` in PATH's directories; "" when there is none.
std::string find_in_path(const std::string& name) {
  const char* path = std::getenv("PATH");
  const std::string dirs = path ? path : "";
  for (std::size_t from = 0; from <= dirs.size();) {
    std::size_t colon = dirs.find(':', from);
    if (colon == std::string::npos) colon = dirs.size();
    const fs::path candidate = fs::path(dirs.substr(from, colon - from)) / name;
    if (colon > from && access(candidate.c_str(), X_OK) == 0) return candidate.string();
    from = colon + 1;
  }
  return "";
}

// Runs args and waits; its exit status, or -1 when it could not start or was killed. `quiet`
// sends its stdout and stderr to /dev/null.
int run_and_wait(std::vector<std::string> args, bool quiet) {
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  if (quiet) {
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  }
  pid_t pid = -1;
  const int err = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (err != 0) return -1;
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return -1;
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// The first candidate python3 that imports matplotlib and numpy; "" when none does.
std::string plotting_python() {
  for (const std::string& python : {find_in_path("python3"), std::string("/usr/bin/python3")}) {
    if (python.empty() || access(python.c_str(), X_OK) != 0) continue;
    if (run_and_wait({python, "-c", "import matplotlib, numpy"}, true) == 0) return python;
  }
  return "";
}

}  // namespace

bool draw_plots(const std::string& dir) {
  const fs::path script = fs::path(MEMVP_TOOLS_DIR) / "memvp_sweep_plot.py";
  if (!fs::exists(script)) {
    std::cerr << "memvp: sweep: " << script.string() << " is missing; plots and report.md skipped\n";
    return false;
  }
  const std::string python = plotting_python();
  if (python.empty()) {
    std::cerr << "memvp: sweep: no python3 with matplotlib and numpy (Debian: python3-matplotlib python3-numpy); "
                 "plots and report.md skipped\n";
    return false;
  }
  if (run_and_wait({python, script.string(), dir}, false) != 0) {
    std::cerr << "memvp: sweep: the plot script failed; results.csv is complete\n";
    return false;
  }
  return true;
}

}  // namespace memvp::sweep
