// Runs the sweep's plot script from the source tree's tools/ (MEMVP_TOOLS_DIR, fixed at build
// time) as a child process with the python3 the build found with matplotlib (MEMVP_PLOT_PYTHON),
// or the first python3 on PATH, and waits for it.
#include "tools/memvp/sweep_plots.h"

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
  std::string dirs = path ? path : "";
  for (std::size_t from = 0; from <= dirs.size();) {
    std::size_t colon = dirs.find(':', from);
    if (colon == std::string::npos) colon = dirs.size();
    const fs::path candidate = fs::path(dirs.substr(from, colon - from)) / name;
    if (colon > from && access(candidate.c_str(), X_OK) == 0) return candidate.string();
    from = colon + 1;
  }
  return "";
}

}  // namespace

bool draw_plots(const std::string& dir) {
  const std::string python = access(MEMVP_PLOT_PYTHON, X_OK) == 0 ? MEMVP_PLOT_PYTHON : find_in_path("python3");
  const fs::path script = fs::path(MEMVP_TOOLS_DIR) / "memvp_sweep_plot.py";
  if (python.empty()) {
    std::cerr << "memvp: sweep: no python3 on PATH; plots and report.md skipped\n";
    return false;
  }
  if (!fs::exists(script)) {
    std::cerr << "memvp: sweep: " << script.string() << " is missing; plots and report.md skipped\n";
    return false;
  }
  std::vector<std::string> args{python, script.string(), dir};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = -1;
  if (posix_spawn(&pid, python.c_str(), nullptr, nullptr, argv.data(), environ) != 0) {
    std::cerr << "memvp: sweep: cannot start " << python << "; plots and report.md skipped\n";
    return false;
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::cerr << "memvp: sweep: the plot script failed; results.csv is complete\n";
    return false;
  }
  return true;
}

}  // namespace memvp::sweep
