// The job files of `memvp sweep --export-jobs`: shell quoting, each point's command line, and the
// Slurm array whose task N runs line N of commands.txt (a `case` over SLURM_ARRAY_TASK_ID).
#include "tools/memvp/sweep_export.h"

#include <fstream>

#include "common/error.h"

namespace memvp::sweep {

namespace fs = std::filesystem;

namespace {

std::string join_quoted(const std::vector<std::string>& argv) {
  std::string line;
  for (const auto& arg : argv) {
    if (!line.empty()) line += ' ';
    line += shell_quote(arg);
  }
  return line;
}

void write_file(const fs::path& path, const std::string& text, bool executable) {
  std::ofstream out(path);
  if (!(out << text)) throw InputError(path.string() + ": cannot write");
  out.close();
  if (executable) {
    std::error_code ec;
    fs::permissions(path, fs::perms::owner_exec | fs::perms::group_exec | fs::perms::others_exec,
                    fs::perm_options::add, ec);
  }
}

}  // namespace

std::string shell_quote(const std::string& text) {
  if (!text.empty() && text.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                              "0123456789_-+=./:,@%") == std::string::npos) {
    return text;
  }
  std::string quoted = "'";
  for (const char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

std::string point_command_line(const std::vector<std::string>& argv, const fs::path& points_dir,
                               const std::string& id, const std::string& hash) {
  const auto file = [&](const char* suffix) { return shell_quote((points_dir / (id + suffix)).string()); };
  return join_quoted(argv) + " >" + file(".console") + " 2>" + file(".stderr") + "; s=$?; printf '%s\\n%s\\n' " +
         hash + " \"$s\" >" + file(".inputs") + "; exit \"$s\"";
}

void write_job_files(const fs::path& dir, const std::vector<std::string>& command_lines,
                     const std::vector<std::string>& collect) {
  std::string commands;
  for (const auto& line : command_lines) commands += "(" + line + ")\n";
  write_file(dir / "commands.txt", commands, false);

  const std::string log = shell_quote((dir / "points" / "slurm-%a.log").string());
  std::string slurm = "#!/bin/bash\n"
                      "# memvp sweep: one array task per point; task N runs line N + 1 of commands.txt.\n"
                      "#SBATCH --job-name=memvp-sweep\n"
                      "#SBATCH --array=0-" + std::to_string(command_lines.size() - 1) + "\n"
                      "#SBATCH --ntasks=1\n"
                      "#SBATCH --cpus-per-task=1\n"
                      "#SBATCH --output=" + log + "\n"
                      "case \"${SLURM_ARRAY_TASK_ID:?not a Slurm array task}\" in\n";
  for (std::size_t i = 0; i < command_lines.size(); ++i) {
    slurm += "  " + std::to_string(i) + ") " + command_lines[i] + " ;;\n";
  }
  slurm += "  *) echo \"memvp sweep: no point for array task $SLURM_ARRAY_TASK_ID\" >&2; exit 2 ;;\nesac\n";
  write_file(dir / "sweep.slurm", slurm, true);

  const std::string here = shell_quote(dir.string());
  const std::string submit =
      "#!/bin/sh\n"
      "# Submits the points as one Slurm job array, then the merge step (results.csv, plots, report.md)\n"
      "# to run once every array task has ended, whatever its status.\n"
      "set -e\n"
      "array=$(sbatch --parsable " + shell_quote((dir / "sweep.slurm").string()) + ")\n"
      "sbatch --dependency=afterany:\"${array%%;*}\" --job-name=memvp-collect --output=" +
      shell_quote((dir / "collect.log").string()) + " --wrap=" + shell_quote(join_quoted(collect)) + "\n"
      "echo \"memvp sweep: submitted array ${array%%;*} and its merge step; results in \"" + here + "\n";
  write_file(dir / "submit.sh", submit, true);
}

}  // namespace memvp::sweep
