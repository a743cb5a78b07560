// The `memvp waves` command: options with CLI11, then the view's focus, traces and save file.
#include "tools/memvp/waves_command.h"

#include <CLI/CLI.hpp>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>

#include "common/error.h"
#include "tools/memvp/cli_parse.h"
#include "tools/memvp/gtkw_file.h"
#include "tools/memvp/vcd_scan.h"
#include "tools/memvp/wave_focus.h"
#include "tools/memvp/wave_views.h"

namespace memvp::waves_view {

namespace {

struct Options {
  std::string view, vcd, out;
  bool open = false;
};

// FILE.vcd -> FILE.VIEW.gtkw, beside the VCD.
std::string default_out(const Options& o) {
  const bool vcd_suffix = o.vcd.size() > 4 && o.vcd.compare(o.vcd.size() - 4, 4, ".vcd") == 0;
  return (vcd_suffix ? o.vcd.substr(0, o.vcd.size() - 4) : o.vcd) + "." + o.view + ".gtkw";
}

void write_file(const std::string& path, const std::string& text) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  if (!f) throw InputError(path + ": cannot write the save file: " + std::strerror(errno));
  f << text;
  f.close();
  if (!f) throw InputError(path + ": writing the save file failed");
}

int run(Options o) {
  const ViewSpec* view = find_view(o.view);
  if (view == nullptr) throw InputError("unknown view \"" + o.view + "\" (views: " + view_names() + ")");
  VcdScan vcd(o.vcd);
  const Focus focus = find_focus(*view, vcd);
  const std::string text = gtkw_text(build_gtkw(*view, vcd, focus, o.vcd));
  if (o.open && o.out.empty()) o.out = default_out(o);
  if (o.out.empty()) {
    std::fwrite(text.data(), 1, text.size(), stdout);
    return std::fflush(stdout) == 0 ? 0 : exit_status::kBadInput;
  }
  write_file(o.out, text);
  if (!o.open) return 0;
  execlp("gtkwave", "gtkwave", o.vcd.c_str(), o.out.c_str(), static_cast<char*>(nullptr));
  std::fprintf(stderr, "memvp waves: cannot start gtkwave: %s (Debian: apt-get install gtkwave)\n", std::strerror(errno));
  return 1;
}

}  // namespace

int waves_main(int argc, char** argv) {
  CLI::App app("Writes a GTKWave save file of one view of a memvp VCD (docs/waves.md \"Views\").", "memvp waves");
  Options o;
  app.add_option("view", o.view, "the view: " + view_names())->required();
  app.add_option("--vcd", o.vcd, "the VCD written by memvp run --vcd")->required()->option_text("FILE");
  app.add_option("-o,--out", o.out, "the save file to write (default: stdout)")->option_text("FILE.gtkw");
  app.add_flag("--open", o.open, "start GTKWave on the VCD with the view (default save file: FILE.VIEW.gtkw)");
  if (const std::optional<int> status = parse_command_line(app, argc, argv, "memvp waves")) return *status;
  try {
    return run(o);
  } catch (const InputError& e) {
    std::fprintf(stderr, "memvp waves: %s\n", e.what());
    return exit_status::kBadInput;
  }
}

}  // namespace memvp::waves_view
