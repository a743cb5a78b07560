// `memvp run ELF [options] [-- bootargs...]`: assembles the platform described by a TOML file (or
// the built-in defaults), runs the ELF on it and returns the guest's exit status; optionally
// writes statistics (docs/stats.md), the console and a translation trace (docs/trace.md).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace memvp {

struct RunCommandOptions {
  std::string elf;
  std::optional<std::string> initrd;    // loaded as QEMU -initrd
  std::vector<std::string> disks;       // --disk, after the platform file's [[disk]]s
  std::optional<std::string> platform;  // none: the built-in platform
  std::vector<std::string> sets;        // --set, applied in order
  std::uint64_t max_cycles = 0;         // 0: no limit
  std::optional<std::string> stats;
  std::optional<std::string> console;  // none: stdout
  std::optional<std::string> trace;
  std::optional<std::string> fast_forward;  // "roi" or an instruction count (docs/fast-forward.md)
  std::optional<std::string> warmup;
  std::vector<std::string> shadow_tlbs;  // --shadow-tlb geometries (docs/mmu.md, "Shadow TLBs")
  std::optional<std::string> vcd;       // VCD waveforms (docs/waves.md)
  std::optional<std::string> waves;     // wave groups; none: all
  std::optional<std::uint64_t> from_cycle, to_cycle;  // the VCD's window, in hart cycles
  std::optional<std::string> rtl_waves;  // the RTL TLBs' FST waves (docs/mmu.md "RTL waves")
  std::optional<std::uint16_t> gdb_port;  // the GDB stub (docs/gdb.md)
  bool gdb_wait = false;
  bool report = false;    // the memory report on stderr at the end (platforms/memory_report.h)
  bool quiet = false;     // nothing informational on stderr
  bool progress = false;  // progress on stderr even when it is not a terminal
  std::vector<std::string> bootargs;  // none: the platform file's bootargs
};

// Declares `memvp run` and its options on app; parsing fills opt.
CLI::App& add_run_command(CLI::App& app, RunCommandOptions& opt);

// Runs the guest to its end and returns its exit status (or exit_status::kDeadlock, or the
// --max-cycles status). A bad platform, ELF, initrd or output file is an InputError.
int run_command(const RunCommandOptions& opt);

}  // namespace memvp
