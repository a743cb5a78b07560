// `memvp sweep --export-jobs DIR`: the points as shell command lines for a scheduler to run
// (DIR/commands.txt, one line per point, as GNU parallel and xargs read them), a Slurm job-array
// script (DIR/sweep.slurm) and DIR/submit.sh, which submits the array and then the merge step
// (`memvp sweep --collect DIR`) once every task has ended (docs/sweep.md, "Cluster export").
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace memvp::sweep {

// `text` as one shell word: bare when it holds only safe characters, else single-quoted.
std::string shell_quote(const std::string& text);

// One line of sh that runs `argv` (a `memvp run`) with stdout and stderr in the point's
// .console and .stderr files, then writes its .inputs file (the hash, then the exit status) as a
// local sweep does, and exits with the run's status.
std::string point_command_line(const std::vector<std::string>& argv, const std::filesystem::path& points_dir,
                               const std::string& id, const std::string& hash);

// Writes commands.txt, sweep.slurm and submit.sh into dir; `collect` is the merge step's argv.
void write_job_files(const std::filesystem::path& dir, const std::vector<std::string>& command_lines,
                     const std::vector<std::string>& collect);

}  // namespace memvp::sweep
