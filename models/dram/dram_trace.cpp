// Trace parsing and the trace-driven run: each request enters its channel at its cycle, after
// the channel has issued every command before that cycle; at the end all channels drain.
#include "dram/dram_trace.h"

#include <fmt/format.h>

#include <charconv>
#include <istream>
#include <memory>
#include <ostream>
#include <sstream>
#include <string>

#include "common/error.h"
#include "dram/address_mapping.h"
#include "dram/ddr4_channel.h"
#include "dram/dram_stats.h"

namespace memvp {
namespace {

[[noreturn]] void bad_line(std::size_t n, const std::string& what) {
  throw InputError(fmt::format("dram trace line {}: {}", n, what));
}

std::uint64_t parse_number(const std::string& tok, int base, std::size_t line, const char* what) {
  std::uint64_t v = 0;
  const char* first = tok.data();
  const char* last = tok.data() + tok.size();
  if (base == 16 && tok.size() > 2 && tok[0] == '0' && (tok[1] == 'x' || tok[1] == 'X')) first += 2;
  auto [p, ec] = std::from_chars(first, last, v, base);
  if (ec != std::errc() || p != last || first == last)
    bad_line(line, fmt::format("bad {} \"{}\"", what, tok));
  return v;
}

}  // namespace

std::vector<DramTraceRecord> parse_dram_trace(const Ddr4Config& cfg, std::istream& in) {
  const AddressMapping mapping(cfg);
  std::vector<DramTraceRecord> recs;
  std::string text;
  std::size_t n = 0;
  std::uint64_t last_cycle = 0;
  while (std::getline(in, text)) {
    ++n;
    std::istringstream ls(text);
    std::string addr, op, cycle, extra;
    if (!(ls >> addr) || addr[0] == '#') continue;
    if (!(ls >> op)) bad_line(n, "expected \"0xADDR READ|WRITE CYCLE\"");
    if (!(ls >> cycle)) bad_line(n, "missing cycle");
    if (ls >> extra) bad_line(n, fmt::format("unexpected \"{}\" after the cycle", extra));
    DramTraceRecord r{};
    r.address = parse_number(addr, 16, n, "address");
    if (op == "READ")
      r.write = false;
    else if (op == "WRITE")
      r.write = true;
    else
      bad_line(n, fmt::format("unknown operation \"{}\" (READ or WRITE)", op));
    r.cycle = parse_number(cycle, 10, n, "cycle");
    if (r.cycle > kMaxDramTraceCycle)
      bad_line(n, fmt::format("cycle {} beyond the last cycle a trace may reach, {} (2^36 DRAM clocks)", r.cycle,
                              kMaxDramTraceCycle));
    if (r.address >= mapping.capacity_bytes())
      bad_line(n, fmt::format("address {:#x} beyond the DRAM capacity {:#x}", r.address,
                              mapping.capacity_bytes()));
    if (r.cycle < last_cycle)
      bad_line(n,
               fmt::format("cycle {} before the previous request's cycle {}", r.cycle, last_cycle));
    last_cycle = r.cycle;
    recs.push_back(r);
  }
  return recs;
}

int run_dram_trace(const Ddr4Config& cfg, std::istream& trace, std::ostream& out, bool csv) {
  cfg.validate();
  const std::vector<DramTraceRecord> recs = parse_dram_trace(cfg, trace);
  const AddressMapping mapping(cfg);
  DramStats stats(cfg);
  std::vector<std::unique_ptr<Ddr4Channel>> channels;
  for (std::uint32_t ch = 0; ch < cfg.org.channels; ++ch)
    channels.push_back(std::make_unique<Ddr4Channel>(cfg, ChannelId(ch), stats));
  std::vector<Cycles> done(recs.size());
  auto collect = [&] {
    for (auto& ch : channels)
      for (const DramEvent& e : ch->take_completed()) done[e.id] = e.at - e.lag;
  };
  for (std::size_t i = 0; i < recs.size(); ++i) {
    const Cycles at(recs[i].cycle);
    for (auto& ch : channels)
      if (at > Cycles(0)) ch->run_until(at - Cycles(1));
    DramRequest r;
    r.id = i;
    r.write = recs[i].write;
    r.coord = mapping.decode(recs[i].address);
    r.arrival = at;
    channels[r.coord.channel.value()]->enqueue(r);
    collect();
  }
  for (auto& ch : channels) ch->drain();
  collect();

  if (csv) out << "id,address,op,arrival,done,latency\n";
  for (std::size_t i = 0; i < recs.size(); ++i) {
    const char* op = recs[i].write ? "WRITE" : "READ";
    const std::uint64_t lat = done[i].value() - recs[i].cycle;
    if (csv)
      out << fmt::format("{},{:#x},{},{},{},{}\n", i, recs[i].address, op, recs[i].cycle,
                         done[i].value(), lat);
    else
      out << fmt::format("{:>8} {:#014x} {:<5} arrival {:>10} done {:>10} latency {:>6}\n", i,
                         recs[i].address, op, recs[i].cycle, done[i].value(), lat);
  }
  std::ostringstream summary;
  stats.print(summary);
  std::istringstream lines(summary.str());
  for (std::string l; std::getline(lines, l);) out << (csv ? "# " : "") << l << '\n';
  return exit_status::kPass;
}

}  // namespace memvp
