// `memvp sweep`: builds the design (--grid axes crossed with a --grid-file's points), validates
// every point's platform with the ordinary loader before anything runs, records the points in
// DIR/sweep.json, then runs those not already done as `memvp run` children of this same
// executable (or exports them as job files), and writes results.csv in grid order and the plots.
#include "tools/memvp/sweep_command.h"

#include <unistd.h>

#include <algorithm>
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
#include "tools/memvp/sweep_export.h"
#include "tools/memvp/sweep_grid.h"
#include "tools/memvp/sweep_grid_file.h"
#include "tools/memvp/sweep_manifest.h"
#include "tools/memvp/sweep_one_pass.h"
#include "tools/memvp/sweep_plots.h"
#include "tools/memvp/sweep_results.h"
#include "tools/memvp/sweep_runner.h"

namespace memvp {

namespace fs = std::filesystem;
using namespace sweep;

namespace {

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
    if (key.starts_with(kBootPrefix) && !value.empty()) return true;
  }
  return false;
}

Design build_design(const SweepCommandOptions& opt) {
  if (opt.grids.empty() && opt.grid_file.empty()) throw InputError("sweep: give --grid KEY=V1,V2,... or --grid-file FILE");
  std::vector<GridAxis> axes;
  for (const auto& g : opt.grids) axes.push_back(parse_grid_axis(g));
  if (opt.grid_file.empty()) return make_design(nullptr, axes);
  const Design file = read_grid_file(opt.grid_file);
  return make_design(&file, axes);
}

// Every point, its platform loaded and checked as `memvp run` would; the first bad point is an
// InputError that names it.
std::vector<PlannedPoint> plan_points(const SweepCommandOptions& opt, const std::vector<GridPoint>& grid) {
  read_elf(opt.elf);
  const std::string elf_bytes = read_bytes(opt.elf);
  const std::string platform_bytes = opt.platform ? read_bytes(*opt.platform) : std::string();
  const std::size_t width = std::to_string(grid.empty() ? 0 : grid.size() - 1).size();
  std::vector<PlannedPoint> planned;
  for (const auto& point : grid) {
    PlannedPoint p{point, point_id(point, width), opt.sets, {}, {}};
    for (auto& s : point_sets(point)) p.sets.push_back(std::move(s));
    try {
      const PlatformConfig cfg = load_platform_config(opt.platform, p.sets);
      // A boot.NAME key edits the bootargs the run would otherwise get.
      if (has_boot_params(point)) {
        p.bootargs = point_bootargs(opt.bootargs.empty() ? split_words(cfg.dtb.bootargs) : opt.bootargs, point);
      } else {
        p.bootargs = opt.bootargs;
      }
    } catch (const InputError& e) {
      const std::string origin = point.origin.empty() ? "" : point.origin + ": ";
      throw InputError("sweep point " + p.id + " (" + origin + describe_point(point) + "): " + e.what());
    }
    p.hash = hash_inputs({elf_bytes, platform_bytes, join(p.sets, '\n'), join(p.bootargs, ' '),
                          std::to_string(opt.max_cycles)});
    planned.push_back(std::move(p));
  }
  return planned;
}

// The exit status recorded by a finished run whose inputs match; none when it must run.
std::optional<int> recorded_status(const fs::path& dir, const PlannedPoint& p) {
  std::ifstream in(point_file(dir, p, ".inputs"));
  std::string hash;
  int status = 0;
  if (!(in >> hash >> status) || hash != p.hash || !fs::exists(point_file(dir, p, ".json"))) return std::nullopt;
  return status;
}

std::string self_executable() {
  std::error_code ec;
  const fs::path self = fs::read_symlink("/proc/self/exe", ec);
  if (ec) throw InputError("sweep: cannot find memvp's own executable: " + ec.message());
  return self.string();
}

// The point's `memvp run` command line; `abs` makes every path absolute (for job files run
// from elsewhere).
std::vector<std::string> run_argv(const std::string& self, const SweepCommandOptions& opt, const fs::path& dir,
                                  const PlannedPoint& p, bool abs) {
  const auto path = [abs](const fs::path& f) { return (abs ? fs::absolute(f) : f).string(); };
  std::vector<std::string> argv{self, "run", path(opt.elf), "--quiet", "--stats", path(point_file(dir, p, ".json"))};
  if (opt.platform) argv.insert(argv.end(), {"--platform", path(*opt.platform)});
  for (const auto& s : p.sets) argv.insert(argv.end(), {"--set", s});
  if (opt.max_cycles) argv.insert(argv.end(), {"--max-cycles", std::to_string(opt.max_cycles)});
  if (!p.bootargs.empty()) {
    argv.emplace_back("--");
    argv.insert(argv.end(), p.bootargs.begin(), p.bootargs.end());
  }
  return argv;
}

// The point's results as the CSV reports them: its status, its statistics when the run wrote
// them, and the last line of its stderr when it failed.
PointResult collect_result(const fs::path& dir, const PlannedPoint& p, int status) {
  PointResult r{status, std::nullopt, {}};
  if (status != 0) {
    std::ifstream err(point_file(dir, p, ".stderr"));
    for (std::string line; std::getline(err, line);) {
      if (!line.empty()) r.message = line;
    }
  }
  std::ifstream in(point_file(dir, p, ".json"));
  if (in) {
    try {
      r.stats = nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception&) {
      r.stats.reset();  // a run killed while writing: the CSV row has no metrics
    }
  }
  return r;
}

// Writes DIR/results.csv; returns how many points did not end with status 0.
std::size_t write_results(const fs::path& dir, const Manifest& m, const std::vector<PointResult>& results) {
  const fs::path csv_path = dir / "results.csv";
  std::ofstream csv(csv_path);
  if (!csv) throw InputError(csv_path.string() + ": cannot write");
  write_csv_header(csv, m.keys, m.metrics);
  std::size_t failed = 0;
  for (std::size_t i = 0; i < m.points.size(); ++i) {
    write_csv_row(csv, m.points[i].id, m.points[i].point, results[i], m.metrics);
    if (results[i].exit_status != 0) ++failed;
  }
  return failed;
}

fs::path create_out_dir(const std::string& dir) {
  std::error_code ec;
  fs::create_directories(fs::path(dir) / "points", ec);
  if (ec) throw InputError(dir + ": cannot create the output directory: " + ec.message());
  return dir;
}

// The one run of a one-pass sweep: DIR/points/onepass.*.
PlannedPoint one_pass_run(const SweepCommandOptions& opt) { return {GridPoint{}, "onepass", opt.sets, opt.bootargs, {}}; }

// Every point's row from a one-pass sweep's run (sweep_one_pass.h), or none when it has not ended.
std::vector<PointResult> one_pass_rows(const fs::path& dir, const Manifest& m, std::size_t& missing) {
  const PlannedPoint run = one_pass_run({});
  if (!m.one_pass_status || !fs::exists(point_file(dir, run, ".json"))) {
    missing = m.points.size();
    return std::vector<PointResult>(m.points.size(), PointResult{std::nullopt, std::nullopt, "the one run has no results"});
  }
  const PointResult result = collect_result(dir, run, *m.one_pass_status);
  std::vector<PointResult> rows;
  for (const ShadowIndices& shadows : m.one_pass->points) rows.push_back(one_pass_result(shadows, result));
  return rows;
}

// `--collect DIR`: the rows of an exported sweep's points, whichever have run, or of a one-pass
// sweep's run.
int collect_sweep(const SweepCommandOptions& opt) {
  if (!opt.elf.empty() || !opt.grids.empty() || !opt.grid_file.empty() || !opt.metrics.empty()) {
    throw InputError("sweep --collect DIR takes no ELF, grid or metrics: DIR/sweep.json has them");
  }
  const fs::path dir = opt.collect;
  const Manifest m = read_manifest(dir);
  std::vector<PointResult> results;
  std::size_t missing = 0;
  if (m.one_pass) results = one_pass_rows(dir, m, missing);
  for (const auto& p : m.one_pass ? std::vector<PlannedPoint>{} : m.points) {
    const std::optional<int> status = recorded_status(dir, p);
    if (!status) ++missing;
    results.push_back(status ? collect_result(dir, p, *status)
                             : PointResult{std::nullopt, std::nullopt, "no results for this sweep's inputs"});
  }
  const std::size_t failed = write_results(dir, m, results);
  std::cerr << "memvp: sweep: " << m.points.size() << " points collected (" << missing << " without results), "
            << failed << " failed; " << (dir / "results.csv").string() << '\n';
  if (!opt.no_plots) draw_plots(dir.string());
  return failed == 0 ? 0 : 1;
}

// `--one-pass`: one run of the base platform with every point's TLB levels as shadows
// (sweep_one_pass.h); DIR/points/onepass.* are its files, and every row is built from them.
int one_pass_sweep(const SweepCommandOptions& opt, Manifest manifest, const fs::path& dir) {
  const PlatformConfig base = load_platform_config(opt.platform, opt.sets);
  std::vector<mmu::MmuConfig> configs;
  std::vector<std::string> names;
  for (const auto& p : manifest.points) {
    configs.push_back(load_platform_config(opt.platform, p.sets).core.mmu);
    names.push_back(p.id + " (" + describe_point(p.point) + ")");
  }
  const OnePassPlan plan = plan_one_pass(base.core.mmu, configs, names);
  manifest.one_pass = plan;
  write_manifest(dir, manifest);  // the plan, for --collect
  const PlannedPoint run = one_pass_run(opt);
  std::vector<std::string> argv = run_argv(self_executable(), opt, dir, run, false);
  const auto dashes = std::find(argv.begin(), argv.end(), "--");
  if (!plan.geometries.empty()) argv.insert(dashes, {"--shadow-tlb", join(plan.geometries, ',')});
  const std::vector<ChildJob> jobs{{argv, point_file(dir, run, ".console").string(), point_file(dir, run, ".stderr").string()}};
  PointResult result;
  run_children(jobs, 1, [&](std::size_t, int status) {
    result = collect_result(dir, run, status);
    manifest.one_pass_status = status;
  });
  write_manifest(dir, manifest);  // and the run's status
  std::vector<PointResult> results;
  for (const ShadowIndices& shadows : plan.points) results.push_back(one_pass_result(shadows, result));
  const std::size_t failed = write_results(dir, manifest, results);
  std::cerr << "memvp: sweep: " << manifest.points.size() << " points in one run (" << plan.geometries.size()
            << " shadow TLBs";
  if (result.stats) std::cerr << ", " << result.stats->at("sim").at("host_seconds").get<double>() << " s";
  std::cerr << "), " << failed << " failed; " << (dir / "results.csv").string() << '\n';
  if (!opt.no_plots) draw_plots(dir.string());
  return failed == 0 ? 0 : 1;
}

}  // namespace

CLI::App& add_sweep_command(CLI::App& app, SweepCommandOptions& opt) {
  CLI::App* cmd = app.add_subcommand("sweep", "Run a guest on every point of a grid of platform variants");
  cmd->add_option("elf", opt.elf, "the guest executable (ELF64, RISC-V, ET_EXEC)")->option_text("ELF");
  cmd->add_option("bootargs", opt.bootargs, "after --: the guest's /chosen/bootargs, joined by spaces");
  add_platform_options(*cmd, opt.platform, opt.sets, "platform description (TOML); default: built-in");
  cmd->add_option("--grid", opt.grids,
                  "an axis of the grid: a platform key (or boot.NAME, a bootarg) and its values (repeatable; "
                  "the grid is the cross product)")
      ->allow_extra_args(false)
      ->option_text("KEY=V1,V2,...");
  cmd->add_option("--grid-file", opt.grid_file, "points of an irregular design: [[point]] tables (.toml) or rows (.csv)")
      ->option_text("FILE");
  cmd->add_option("--metrics", opt.metrics, "the metric columns of results.csv (default: all)")->option_text("LIST");
  cmd->add_option("--jobs", opt.jobs, "runs at a time (default: the number of cores)")->option_text("N");
  auto* out = cmd->add_option("--out", opt.out, "output directory (default: sweep)")->option_text("DIR");
  cmd->add_flag("--resume", opt.resume, "skip points whose results exist for the same inputs");
  cmd->add_option("--max-cycles", opt.max_cycles, "passed to every run: stop it with status 3 at N cycles")
      ->option_text("N");
  cmd->add_flag("--no-plots", opt.no_plots, "do not draw DIR/plots/ nor write DIR/report.md");
  cmd->add_option("--export-jobs", opt.export_jobs,
                  "run nothing: write DIR/commands.txt, a Slurm job array DIR/sweep.slurm and DIR/submit.sh")
      ->option_text("DIR")
      ->excludes(out);
  cmd->add_flag("--one-pass", opt.one_pass,
                "one run for a grid of TLB geometry keys only: every point a shadow TLB (misses only; docs/sweep.md)");
  cmd->add_option("--collect", opt.collect, "write DIR/results.csv from an exported sweep's points")->option_text("DIR");
  return *cmd;
}

int sweep_command(const SweepCommandOptions& opt) {
  if (!opt.collect.empty()) return collect_sweep(opt);
  if (opt.elf.empty()) throw InputError("sweep: the ELF is missing");
  const Design design = build_design(opt);
  if (opt.one_pass) {
    if (opt.resume || !opt.export_jobs.empty()) throw InputError("sweep --one-pass runs one simulation: --resume and --export-jobs do not apply");
    check_one_pass_keys(design.keys);
  }
  const Manifest manifest{design.keys, select_metrics(opt.metrics), plan_points(opt, design.points), std::nullopt,
                          std::nullopt};
  const bool exporting = !opt.export_jobs.empty();
  const fs::path dir = create_out_dir(exporting ? opt.export_jobs : opt.out);
  write_manifest(dir, manifest);
  if (opt.one_pass) return one_pass_sweep(opt, manifest, dir);
  const std::string self = self_executable();
  const std::vector<PlannedPoint>& planned = manifest.points;

  if (exporting) {
    std::vector<std::string> lines;
    for (const auto& p : planned) {
      lines.push_back(point_command_line(run_argv(self, opt, dir, p, true), fs::absolute(dir / "points"), p.id, p.hash));
    }
    write_job_files(fs::absolute(dir), lines, {self, "sweep", "--collect", fs::absolute(dir).string()});
    std::cerr << "memvp: sweep: " << planned.size() << " points exported; " << (dir / "commands.txt").string() << ", "
              << (dir / "sweep.slurm").string() << '\n';
    return 0;
  }

  std::vector<PointResult> results(planned.size());
  std::vector<std::size_t> to_run;
  std::error_code ec;
  for (std::size_t i = 0; i < planned.size(); ++i) {
    const std::optional<int> status = opt.resume ? recorded_status(dir, planned[i]) : std::nullopt;
    if (status) {
      results[i] = collect_result(dir, planned[i], *status);
    } else {
      fs::remove(point_file(dir, planned[i], ".inputs"), ec);  // a run cut short must not look finished
      to_run.push_back(i);
    }
  }

  std::vector<ChildJob> jobs;
  for (const std::size_t i : to_run) {
    jobs.push_back({run_argv(self, opt, dir, planned[i], false), point_file(dir, planned[i], ".console").string(),
                    point_file(dir, planned[i], ".stderr").string()});
  }
  const unsigned parallel = opt.jobs ? opt.jobs : std::max(1U, std::thread::hardware_concurrency());
  run_children(jobs, parallel, [&](std::size_t j, int status) {
    const PlannedPoint& p = planned[to_run[j]];
    results[to_run[j]] = collect_result(dir, p, status);
    std::ofstream(point_file(dir, p, ".inputs")) << p.hash << '\n' << status << '\n';
  });

  const std::size_t failed = write_results(dir, manifest, results);
  std::cerr << "memvp: sweep: " << planned.size() << " points (" << jobs.size() << " run, "
            << planned.size() - jobs.size() << " resumed), " << failed << " failed; "
            << (dir / "results.csv").string() << '\n';
  if (!opt.no_plots) draw_plots(dir.string());
  return failed == 0 ? 0 : 1;
}

}  // namespace memvp
