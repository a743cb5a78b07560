// `memvp sweep`: expands the grid, validates every point's platform with the ordinary loader
// before anything runs, skips the points --resume finds done, runs the rest as `memvp run`
// children of this same executable and writes results.csv in grid order.
#include "tools/memvp/sweep_command.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <thread>

#include <CLI/CLI.hpp>

#include "common/error.h"
#include "platforms/elf_loader.h"
#include "platforms/platform_config.h"
#include "tools/memvp/platform_options.h"
#include "tools/memvp/sweep_grid.h"
#include "tools/memvp/sweep_results.h"
#include "tools/memvp/sweep_runner.h"

namespace memvp {

namespace fs = std::filesystem;
using namespace sweep;

namespace {

// What one point runs with, and where it keeps its results.
struct PlannedPoint {
  GridPoint point;
  std::string id;
  std::vector<std::string> sets;      // the sweep's --set, then the point's
  std::vector<std::string> bootargs;  // none: the platform's
  std::string hash;
  fs::path stats, inputs, console, errors;
};

std::string read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path + ": cannot read");
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<std::string> split_words(const std::string& text) {
  std::istringstream in(text);
  return {std::istream_iterator<std::string>(in), std::istream_iterator<std::string>()};
}

std::string join(const std::vector<std::string>& parts, char sep) {
  std::string text;
  for (const auto& p : parts) text += (text.empty() ? "" : std::string(1, sep)) + p;
  return text;
}

bool has_boot_params(const GridPoint& point) {
  for (const auto& [key, value] : point.params) {
    if (key.starts_with(kBootPrefix)) return true;
  }
  return false;
}

// Every point, its platform loaded and checked as `memvp run` would; the first bad point is an
// InputError that names it.
std::vector<PlannedPoint> plan_points(const SweepCommandOptions& opt, const std::vector<GridPoint>& grid) {
  read_elf(opt.elf);
  const std::string elf_bytes = read_bytes(opt.elf);
  const std::string platform_bytes = opt.platform ? read_bytes(*opt.platform) : std::string();
  const fs::path points_dir = fs::path(opt.out) / "points";
  const std::size_t width = std::to_string(grid.empty() ? 0 : grid.size() - 1).size();
  std::vector<PlannedPoint> planned;
  for (const auto& point : grid) {
    PlannedPoint p{point, point_id(point, width), opt.sets, {}, {}, {}, {}, {}, {}};
    for (auto& s : point_sets(point)) p.sets.push_back(std::move(s));
    try {
      const PlatformConfig cfg = load_platform_config(opt.platform, p.sets);
      // A boot.NAME axis edits the bootargs the run would otherwise get.
      if (has_boot_params(point)) {
        p.bootargs = point_bootargs(opt.bootargs.empty() ? split_words(cfg.dtb.bootargs) : opt.bootargs, point);
      } else {
        p.bootargs = opt.bootargs;
      }
    } catch (const InputError& e) {
      throw InputError("sweep point " + p.id + " (" + describe_point(point) + "): " + e.what());
    }
    p.hash = hash_inputs({elf_bytes, platform_bytes, join(p.sets, '\n'), join(p.bootargs, ' '),
                          std::to_string(opt.max_cycles)});
    p.stats = points_dir / (p.id + ".json");
    p.inputs = points_dir / (p.id + ".inputs");
    p.console = points_dir / (p.id + ".console");
    p.errors = points_dir / (p.id + ".stderr");
    planned.push_back(std::move(p));
  }
  return planned;
}

// The exit status recorded by a finished run whose inputs match; none when it must run.
std::optional<int> recorded_status(const PlannedPoint& p) {
  std::ifstream in(p.inputs);
  std::string hash;
  int status = 0;
  if (!(in >> hash >> status) || hash != p.hash || !fs::exists(p.stats)) return std::nullopt;
  return status;
}

std::string self_executable() {
  std::error_code ec;
  const fs::path self = fs::read_symlink("/proc/self/exe", ec);
  if (ec) throw InputError("sweep: cannot find memvp's own executable: " + ec.message());
  return self.string();
}

ChildJob child_job(const std::string& self, const SweepCommandOptions& opt, const PlannedPoint& p) {
  ChildJob job{{self, "run", opt.elf, "--quiet", "--stats", p.stats.string()}, p.console.string(), p.errors.string()};
  if (opt.platform) job.argv.insert(job.argv.end(), {"--platform", *opt.platform});
  for (const auto& s : p.sets) job.argv.insert(job.argv.end(), {"--set", s});
  if (opt.max_cycles) job.argv.insert(job.argv.end(), {"--max-cycles", std::to_string(opt.max_cycles)});
  if (!p.bootargs.empty()) {
    job.argv.emplace_back("--");
    job.argv.insert(job.argv.end(), p.bootargs.begin(), p.bootargs.end());
  }
  return job;
}

// The point's results as the CSV reports them: its status, its statistics when the run wrote
// them, and the last line of its stderr when it failed.
PointResult collect_result(const PlannedPoint& p, int status) {
  PointResult r{status, std::nullopt, {}};
  if (status != 0) {
    std::ifstream err(p.errors);
    for (std::string line; std::getline(err, line);) {
      if (!line.empty()) r.message = line;
    }
  }
  std::ifstream in(p.stats);
  if (in) {
    try {
      r.stats = nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception&) {
      r.stats.reset();  // a run killed while writing: the CSV row has no metrics
    }
  }
  return r;
}

}  // namespace

CLI::App& add_sweep_command(CLI::App& app, SweepCommandOptions& opt) {
  CLI::App* cmd = app.add_subcommand("sweep", "Run a guest on every point of a grid of platform variants");
  cmd->add_option("elf", opt.elf, "the guest executable (ELF64, RISC-V, ET_EXEC)")->required()->option_text("ELF");
  cmd->add_option("bootargs", opt.bootargs, "after --: the guest's /chosen/bootargs, joined by spaces");
  add_platform_options(*cmd, opt.platform, opt.sets, "platform description (TOML); default: built-in");
  cmd->add_option("--grid", opt.grids,
                  "an axis of the grid: a platform key (or boot.NAME, a bootarg) and its values (repeatable; "
                  "the grid is the cross product)")
      ->required()
      ->allow_extra_args(false)
      ->option_text("KEY=V1,V2,...");
  cmd->add_option("--jobs", opt.jobs, "runs at a time (default: the number of cores)")->option_text("N");
  cmd->add_option("--out", opt.out, "output directory (default: sweep)")->option_text("DIR");
  cmd->add_flag("--resume", opt.resume, "skip points whose results exist for the same inputs");
  cmd->add_option("--max-cycles", opt.max_cycles, "passed to every run: stop it with status 3 at N cycles")
      ->option_text("N");
  return *cmd;
}

int sweep_command(const SweepCommandOptions& opt) {
  std::vector<GridAxis> axes;
  for (const auto& g : opt.grids) axes.push_back(parse_grid_axis(g));
  const std::vector<GridPoint> grid = expand_grid(axes);
  const std::vector<PlannedPoint> planned = plan_points(opt, grid);

  std::error_code ec;
  fs::create_directories(fs::path(opt.out) / "points", ec);
  if (ec) throw InputError(opt.out + ": cannot create the output directory: " + ec.message());

  std::vector<PointResult> results(planned.size());
  std::vector<std::size_t> to_run;
  for (std::size_t i = 0; i < planned.size(); ++i) {
    const std::optional<int> status = opt.resume ? recorded_status(planned[i]) : std::nullopt;
    if (status) {
      results[i] = collect_result(planned[i], *status);
    } else {
      fs::remove(planned[i].inputs, ec);  // a run cut short must not look finished
      to_run.push_back(i);
    }
  }

  const std::string self = self_executable();
  std::vector<ChildJob> jobs;
  for (const std::size_t i : to_run) jobs.push_back(child_job(self, opt, planned[i]));
  const unsigned parallel = opt.jobs ? opt.jobs : std::max(1U, std::thread::hardware_concurrency());
  run_children(jobs, parallel, [&](std::size_t j, int status) {
    const PlannedPoint& p = planned[to_run[j]];
    results[to_run[j]] = collect_result(p, status);
    std::ofstream(p.inputs) << p.hash << '\n' << status << '\n';
  });

  const fs::path csv_path = fs::path(opt.out) / "results.csv";
  std::ofstream csv(csv_path);
  if (!csv) throw InputError(csv_path.string() + ": cannot write");
  write_csv_header(csv, axes);
  std::size_t failed = 0;
  for (std::size_t i = 0; i < planned.size(); ++i) {
    write_csv_row(csv, planned[i].id, planned[i].point, results[i]);
    if (results[i].exit_status != 0) ++failed;
  }
  csv.close();
  std::cerr << "memvp: sweep: " << planned.size() << " points (" << jobs.size() << " run, "
            << planned.size() - jobs.size() << " resumed), " << failed << " failed; " << csv_path.string() << '\n';
  return failed == 0 ? 0 : 1;
}

}  // namespace memvp
