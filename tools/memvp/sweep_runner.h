// Runs the points of `memvp sweep` as child processes, at most N at a time, each with its
// stdout and stderr in files; reports each end as it comes and, when stderr is a terminal, a
// progress line (done, running, ETA).
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace memvp::sweep {

// One child process: argv[0] is the executable's path.
struct ChildJob {
  std::vector<std::string> argv;
  std::string stdout_path, stderr_path;
};

// Runs every job, `parallel` at a time, and calls on_end(index, exit status) as each ends (a
// child killed by signal S ends with 128 + S, as a shell reports it). A job that cannot be
// started ends with status 127 and its reason in its stderr file.
void run_children(const std::vector<ChildJob>& jobs, unsigned parallel,
                  const std::function<void(std::size_t, int)>& on_end);

}  // namespace memvp::sweep
