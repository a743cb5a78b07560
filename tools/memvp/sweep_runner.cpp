// Child processes for `memvp sweep`: posix_spawn with stdout and stderr redirected, waitpid for
// whichever ends first, and a progress line redrawn in place on a terminal.
#include "tools/memvp/sweep_runner.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>

extern char** environ;

namespace memvp::sweep {

namespace {

// Starts one job; returns its pid, or -1 with the reason written to its stderr file.
pid_t spawn_child(const ChildJob& job) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, job.stdout_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, job.stderr_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  std::vector<char*> argv;
  for (const auto& arg : job.argv) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  pid_t pid = -1;
  const int err = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (err != 0) {
    std::ofstream(job.stderr_path) << "memvp: sweep: cannot start " << job.argv[0] << ": " << std::strerror(err) << '\n';
    return -1;
  }
  return pid;
}

void show_progress(std::size_t done, std::size_t running, std::size_t total,
                   std::chrono::steady_clock::time_point start) {
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::fprintf(stderr, "\rmemvp: sweep: %zu/%zu done, %zu running", done, total, running);
  if (done > 0 && done < total) {
    std::fprintf(stderr, ", ETA %.0f s ", elapsed / static_cast<double>(done) * static_cast<double>(total - done));
  } else {
    std::fprintf(stderr, "%*s", 12, "");
  }
  if (done == total) std::fputc('\n', stderr);
  std::fflush(stderr);
}

}  // namespace

void run_children(const std::vector<ChildJob>& jobs, unsigned parallel,
                  const std::function<void(std::size_t, int)>& on_end) {
  const bool progress = isatty(STDERR_FILENO) != 0 && !jobs.empty();
  const auto start = std::chrono::steady_clock::now();
  std::map<pid_t, std::size_t> running;
  std::size_t next = 0, done = 0;
  while (done < jobs.size()) {
    while (next < jobs.size() && running.size() < std::max(parallel, 1U)) {
      const pid_t pid = spawn_child(jobs[next]);
      if (pid < 0) {
        on_end(next, 127);
        ++done;
      } else {
        running.emplace(pid, next);
      }
      ++next;
    }
    if (progress) show_progress(done, running.size(), jobs.size(), start);
    if (running.empty()) continue;
    int status = 0;
    const pid_t pid = waitpid(-1, &status, 0);
    if (pid < 0) {
      if (errno == EINTR) continue;
      break;  // no children left to wait for: cannot happen while `running` is not empty
    }
    const auto it = running.find(pid);
    if (it == running.end()) continue;
    const int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    const std::size_t index = it->second;
    running.erase(it);
    ++done;
    on_end(index, code);
  }
  if (progress) show_progress(done, 0, jobs.size(), start);
}

}  // namespace memvp::sweep
