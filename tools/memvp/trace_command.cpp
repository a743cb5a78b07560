// The `memvp trace` command: option parsing with CLI11, then one pass over the trace (joined
// with the companion event trace for events, faults, pids and the Perfetto timeline).
#include "tools/memvp/trace_command.h"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cstdio>
#include <filesystem>
#include <map>
#include <string>

#include "common/error.h"
#include "tools/memvp/cli_parse.h"
#include "event_join.h"
#include "perfetto_timeline.h"
#include "trace_csv.h"
#include "trace_filter.h"
#include "trace_reader.h"
#include "trace_summary.h"

namespace memvp::trace {

namespace {

ReplayCommand g_replay = nullptr;

struct Options {
  std::string file;
  std::string command = "summary";
  std::string events;  // the event trace; empty: event_trace_path(file)
  TraceFilter filter;
  unsigned bins = 20;
  bool log2 = false;
  std::size_t top = 10;
  std::uint64_t bucket = 10'000;
  std::vector<std::string> tlbs;  // replay: the geometries
};

// Each optional filter is parsed into a plain variable first, then moved into the filter.
struct FilterArgs {
  std::uint16_t hart = 0, asid = 0;
  int outcome = 0;
  std::uint64_t va_from = 0, va_to = 0, cycle_from = 0, cycle_to = 0;
};

void build_app(CLI::App& app, Options& o, FilterArgs& f) {
  app.add_option("file", o.file, "translation trace written by `memvp run --trace` (.zst too)")
      ->required();
  app.add_option("command", o.command,
                 "csv, summary (default), histogram, replay; with the event trace: events, faults, pids, shootdowns, "
                 "perfetto")
      ->check(CLI::IsMember({"csv", "summary", "histogram", "replay", "events", "faults", "pids", "shootdowns",
                             "perfetto"}));
  app.add_option("--tlb", o.tlbs, "replay: TLB geometries LEVEL[[ARRAY]]:ENTRIESxWAYS[:REPLACEMENT], comma-separated")
      ->delimiter(',')
      ->allow_extra_args(false)
      ->option_text("GEOMETRY,...");
  app.add_option("--events", o.events, "the event trace (default: the trace's companion, FILE.events)")
      ->option_text("FILE");
  app.add_option("--hart", f.hart, "only this hart");
  app.add_option("--asid", f.asid, "only this ASID");
  const std::map<std::string, int> outcomes{{"l1", 0}, {"l2", 1}, {"walk", 2}, {"fault", 3}};
  app.add_option("--outcome", f.outcome, "only this outcome")
      ->transform(CLI::CheckedTransformer(outcomes))
      ->option_text("l1|l2|walk|fault");
  app.add_option("--va-from", f.va_from, "only VAs >= A (0x... accepted)");
  app.add_option("--va-to", f.va_to, "only VAs < B");
  app.add_option("--from-cycle", f.cycle_from, "only translations issued at cycle >= C");
  app.add_option("--to-cycle", f.cycle_to, "only translations issued at cycle < C");
  app.add_option("--bins", o.bins, "histogram: number of equal-width bins (default 20)")
      ->check(CLI::Range(1u, 10000u));
  app.add_flag("--log", o.log2, "histogram: one bin per power of two instead");
  app.add_option("--top", o.top, "summary: pages listed by walks (default 10)");
  app.add_option("--bucket", o.bucket, "perfetto: cycles per counter bucket (default 10000)")
      ->check(CLI::Range(std::uint64_t{1}, ~std::uint64_t{0}));
}

void apply(const CLI::App& app, const FilterArgs& f, TraceFilter& t) {
  if (app.count("--hart")) t.hart = f.hart;
  if (app.count("--asid")) t.asid = f.asid;
  if (app.count("--outcome")) t.outcome = static_cast<std::uint8_t>(f.outcome);
  if (app.count("--va-from")) t.va_from = f.va_from;
  if (app.count("--va-to")) t.va_to = f.va_to;
  if (app.count("--from-cycle")) t.cycle_from = f.cycle_from;
  if (app.count("--to-cycle")) t.cycle_to = f.cycle_to;
}

// The commands that read the event trace too.
void run_events(const Options& o) {
  std::vector<EventRecord> events = read_events(o.events.empty() ? event_trace_path(o.file) : o.events);
  if (o.command == "events") {
    write_event_csv(events, stdout);
    return;
  }
  if (o.command == "perfetto") {
    TraceReader reader(o.file);
    // The DRAM trace is there when the run had DDR4 memory.
    const std::string dram = dram_trace_path(o.file);
    write_timeline(reader, std::move(events), {o.filter, o.bucket}, stdout,
                   std::filesystem::exists(dram) ? read_dram_samples(dram) : std::vector<DramSampleRecord>{});
    return;
  }
  if (o.command == "shootdowns") {
    write_shootdown_csv(join_shootdowns(events), stdout);
    return;
  }
  TraceReader reader(o.file);
  const JoinResult joined = join_events(reader, std::move(events), o.filter);
  if (o.command == "faults") write_fault_csv(joined.faults, stdout);
  else write_pid_csv(joined.pids, stdout);
}

void run(const Options& o) {
  if (o.filter.cycle_to && o.filter.cycle_from > *o.filter.cycle_to)
    throw InputError(fmt::format("--from-cycle {} is after --to-cycle {}", o.filter.cycle_from, *o.filter.cycle_to));
  if (o.command == "events" || o.command == "faults" || o.command == "pids" || o.command == "shootdowns" ||
      o.command == "perfetto") {
    run_events(o);
    return;
  }
  if (!o.tlbs.empty() && o.command != "replay") throw InputError("--tlb is for replay");
  TraceReader reader(o.file);
  if (o.command == "csv") {
    write_csv(reader, o.filter, stdout);
    return;
  }
  if (o.command == "replay") {
    if (g_replay == nullptr) throw InputError("replay needs the TLB models: run it as `memvp trace FILE replay`");
    g_replay(reader, o.tlbs, o.filter, stdout);
    return;
  }
  std::string text;
  if (o.command == "summary") {
    SummaryBuilder b;
    reader.for_each([&](const TranslationRecord& r) {
      if (o.filter.matches(r)) b.add(r);
    });
    text = format_summary(b.finish(o.top), reader.header(), o.file);
  } else {
    LatencyCounts lat;
    reader.for_each([&](const TranslationRecord& r) {
      if (o.filter.matches(r)) lat.add(r.latency_cycles);
    });
    text = format_histogram(lat, o.bins, o.log2);
  }
  std::fwrite(text.data(), 1, text.size(), stdout);
}

}  // namespace

void install_replay_command(ReplayCommand command) { g_replay = command; }

int trace_main(int argc, char** argv, std::string_view prog) {
  const std::string name = prog == "memvp" ? "memvp trace" : std::string(prog);
  CLI::App app("Reads a memvp translation trace: CSV, summary, latency histogram, joins with the event trace, "
                   "or a Perfetto timeline.", name);
  Options o;
  FilterArgs f;
  build_app(app, o, f);
  if (const std::optional<int> status = parse_command_line(app, argc, argv, name)) return *status;
  apply(app, f, o.filter);
  try {
    run(o);
  } catch (const InputError& e) {
    std::fflush(stdout);
    std::fprintf(stderr, "%.*s: %s\n", static_cast<int>(prog.size()), prog.data(), e.what());
    return exit_status::kBadInput;
  }
  return std::fflush(stdout) == 0 ? 0 : exit_status::kBadInput;
}

}  // namespace memvp::trace
