// A minimal machine for hart unit tests: one Hart, the Bus, a fixed-latency RAM at 0x8000_0000
// and the test finisher at 0x0010_0000, in a fresh SystemC context per test. Programs are built
// word by word with rv_encode.h and end by writing the finisher.
#pragma once

#include <cstdint>
#include <vector>

#include "common/run_control.h"
#include "core/hart.h"
#include "devices/test_finisher.h"
#include "dram/simple_memory.h"
#include "interconnect/bus.h"
#include "sc_test.h"
#include "rv_encode.h"

namespace memvp::test {

constexpr std::uint64_t kRamBase = 0x8000'0000;
constexpr std::uint64_t kFinisher = 0x0010'0000;

// A program image at kRamBase with helpers for addresses and the exit sequence.
struct Program {
  std::vector<std::uint32_t> words;

  [[nodiscard]] std::int32_t here() const { return static_cast<std::int32_t>(words.size() * 4); }
  Program& operator<<(std::uint32_t w) { words.push_back(w); return *this; }
  // rd = kRamBase + offset (PC-relative, so it works wherever RAM is).
  Program& la(std::uint32_t rd, std::int32_t offset) {
    const std::int32_t delta = offset - here();
    return *this << (rd << 7 | 0x17) << rv::addi(rd, rd, delta);
  }
  // Pads with NOPs up to a byte offset (for handlers at fixed places).
  Program& at(std::int32_t offset) {
    while (here() < offset) words.push_back(rv::nop());
    return *this;
  }
  // Ends the run with exit status `code` through the SiFive test finisher (x30, x31 clobbered).
  Program& exit(std::uint32_t code) {
    const std::uint32_t value = code == 0 ? 0x5555 : (code << 16 | 0x3333);
    *this << rv::lui(30, kFinisher >> 12) << rv::lui(31, (value + 0x800) >> 12)
          << rv::addi(31, 31, static_cast<std::int32_t>(value << 20) >> 20) << rv::sw(31, 30, 0);
    return *this;
  }
};

// Wires a one-hart test machine: the hart's fetch, data and walker sockets to the bus, the bus
// to `ram` (1 MiB at kRamBase) and the finisher (at kFinisher), the interrupt inputs to signals.
template <class Ram>
void wire_test_machine(Hart& hart, Bus& bus, Ram& ram, TestFinisher& finisher, sc_core::sc_signal<bool>& mtip,
                       sc_core::sc_signal<bool>& msip, sc_core::sc_signal<bool>& meip,
                       sc_core::sc_signal<bool>& seip) {
  hart.fetch_socket.bind(bus.targ_socket);
  hart.data_socket.bind(bus.targ_socket);
  hart.mmu.ptw_socket.bind(bus.targ_socket);
  bus.init_socket.bind(ram.socket);
  bus.init_socket.bind(finisher.socket);
  bus.map(0, PhysAddr(kRamBase), 1 << 20);
  bus.map(1, PhysAddr(kFinisher), 0x1000);
  hart.mtip(mtip);
  hart.msip(msip);
  hart.meip(meip);
  hart.seip(seip);
}

class HartFixture : public SystemCTest {
 protected:
  explicit HartFixture(HartConfig cfg = {}, std::uint32_t mem_latency = 0, bool dmi = true)
      : bus_("bus", BusConfig{}),
        mem_("mem", SimpleMemoryConfig{.size_bytes = 1 << 20, .clock_hz = 1e9, .latency_cycles = mem_latency, .dmi = dmi}),
        finisher_("finisher", TestFinisherConfig{}, run_), hart_("hart", cfg, run_) {
    wire_test_machine(hart_, bus_, mem_, finisher_, mtip_, msip_, meip_, seip_);
  }

  void load(const Program& p) {
    tlm::tlm_generic_payload gp;
    gp.set_command(tlm::TLM_WRITE_COMMAND);
    gp.set_address(0);
    gp.set_data_ptr(reinterpret_cast<unsigned char*>(const_cast<std::uint32_t*>(p.words.data())));
    gp.set_data_length(static_cast<unsigned>(p.words.size() * 4));
    ASSERT_EQ(mem_.socket.get_base_export()->transport_dbg(gp), p.words.size() * 4);
  }

  // Runs the program to its end (or the cycle limit) and returns how the run ended.
  RunEnd run(const Program& p, std::uint64_t max_cycles = 1'000'000) {
    load(p);
    hart_.reset(kRamBase, 0);
    hart_.set_max_cycles(max_cycles);
    sc_core::sc_start();
    return run_.result().value_or(RunEnd{EndReason::Deadlock, -1, "no end"});
  }

  std::uint64_t x(unsigned i) const { return hart_.reg(i); }

  RunControl run_;
  Bus bus_;
  SimpleMemory mem_;
  TestFinisher finisher_;
  Hart hart_;
  sc_core::sc_signal<bool> mtip_{"mtip_sig"}, msip_{"msip_sig"}, meip_{"meip_sig"}, seip_{"seip_sig"};
};

}  // namespace memvp::test
