#include <sstream>
#include <fmt/format.h>
#include "dram/dram_trace.h"
#include "dram/ddr4_channel.h"
#include "dram_fixture.h"
namespace memvp::test {
TEST_F(DramTest, Dbg) {
  cfg.refresh = true;
  cfg.posted_writes = false;
  std::vector<ScriptedAccess> script;
  std::uint64_t x = 12345, cycle = 12000;
  for (int i = 0; i < 400; ++i) {
    x = x * 6364136223846793005ULL + 1442695040888963407ULL;
    cycle += 1 + (x >> 59);
    const std::uint64_t a = addr((x >> 20) & 3, (x >> 22) & 3, (x >> 24) & 7, (x >> 27) & 127);
    const bool write = ((x >> 40) & 3) == 0;
    script.push_back({cycle, a, write});
  }
  const char* names[] = {"ACT","PRE","RD","WR","REF"};
  auto pr = [&](const char* tag){ return [=](const DramCommandRecord& c) {
    if (c.at.value() < 12520) printf("%s %lu %s bg%u ba%u row%u col%u\n", tag, c.at.value(), names[int(c.cmd)], c.coord.bank_group.value(), c.coord.bank.value(), c.coord.row.value(), c.coord.column.value()); }; };
  {
    DramStats st(cfg);
    Ddr4Channel ch(cfg, ChannelId(0), st);
    ch.set_command_observer(pr("T"));
    AddressMapping m(cfg);
    for (std::size_t i = 0; i < script.size(); ++i) {
      ch.run_until(Cycles(script[i].cycle - 1));
      DramRequest r; r.id = i; r.write = script[i].write; r.coord = m.decode(script[i].addr); r.arrival = Cycles(script[i].cycle);
      ch.enqueue(r);
    }
    ch.drain();
  }
  dram = std::make_unique<Ddr4Controller>("dram", cfg);
  dram->set_command_observer(pr("S"));
  init = std::make_unique<ScriptedInitiator>("init", dram->clock_period(), script);
  init->socket.bind(dram->socket);
  sc_core::sc_start();
}
}
