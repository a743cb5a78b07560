// The MMU inside a running simulation: a scripted initiator thread translates at set times
// through a memory that synchronises (waits out the caller's offset and its own latency
// instead of annotating it), and asserts the (issue, completion) time of each translation and
// that the A/D update stays atomic while the memory waits.
#include <cstring>
#include <vector>

#include <tlm_utils/simple_initiator_socket.h>

#include "mmu_fixture.h"

namespace memvp::mmu::test {
namespace {

// Waits instead of annotating: the delay handed back is always zero. Data lives in a
// PteTestMemory, reached directly; it moves when the access arrives, before the latency.
class SyncingMemory : public sc_core::sc_module {
 public:
  tlm_utils::simple_target_socket<SyncingMemory> socket;
  std::vector<sc_time> issued;

  SyncingMemory(sc_core::sc_module_name name, PteTestMemory& backing, sc_time latency)
      : sc_module(name), socket("socket"), backing_(backing), latency_(latency) {
    socket.register_b_transport(this, &SyncingMemory::b_transport);
    socket.register_transport_dbg(this, &SyncingMemory::transport_dbg);
  }

 private:
  void b_transport(tlm::tlm_generic_payload& gp, sc_time& delay) {
    wait(delay);
    issued.push_back(sc_core::sc_time_stamp());
    backing_.move(gp);
    wait(latency_);
    delay = sc_core::SC_ZERO_TIME;
  }
  unsigned transport_dbg(tlm::tlm_generic_payload& gp) { return backing_.transport_dbg(gp); }
  PteTestMemory& backing_;
  sc_time latency_;
};

// Binds the backing memory's socket, which nothing uses through TLM here.
struct IdleInitiator : sc_core::sc_module {
  tlm_utils::simple_initiator_socket<IdleInitiator> socket;
  explicit IdleInitiator(sc_core::sc_module_name name) : sc_module(name), socket("socket") {}
};

struct Script {
  sc_time at;
  std::uint64_t va;
  rv::Access access = rv::Access::Load;
};
struct Done {
  sc_time issue, completion;
  TranslateResult result;
};

class ScriptedInitiator : public sc_core::sc_module {
 public:
  SC_HAS_PROCESS(ScriptedInitiator);
  ScriptedInitiator(sc_core::sc_module_name name, Mmu& mmu, TranslationContext ctx,
                    std::vector<Script> script)
      : sc_module(name), mmu_(mmu), ctx_(ctx), script_(std::move(script)) {
    SC_THREAD(run);
  }
  std::vector<Done> done;

 private:
  void run() {
    for (const Script& s : script_) {
      wait(s.at - sc_core::sc_time_stamp());
      sc_time delay(2, SC_NS);  // a local offset, as under temporal decoupling
      const sc_time issue = sc_core::sc_time_stamp() + delay;
      TranslateResult r = mmu_.translate(VirtAddr(s.va), s.access, ctx_, delay);
      done.push_back({issue, sc_core::sc_time_stamp() + delay, r});
    }
  }
  Mmu& mmu_;
  TranslationContext ctx_;
  std::vector<Script> script_;
};

class MmuInThread : public FreshSimulation {};

// An MMU whose PTE accesses wait in a SyncingMemory (10 ns each), over a page table with one
// 4 KiB page at va 0x1000 whose leaf has `flags`.
struct WaitingMachine {
  PteTestMemory backing{"backing", kMemBase, kMemSize, sc_core::SC_ZERO_TIME};
  IdleInitiator idle{"idle"};
  SyncingMemory mem{"mem", backing, sc_time(10, SC_NS)};
  Mmu mmu{"mmu", plain_config()};
  PageTableBuilder pt{backing, kMemBase, kSv39};
  PhysAddr leaf;
  TranslationContext ctx;

  explicit WaitingMachine(std::uint64_t flags) {
    idle.socket.bind(backing.socket);
    mmu.ptw_socket.bind(mem.socket);
    leaf = pt.map(VirtAddr(0x1000), PhysAddr(0x9000'0000), PageSize::k4K, flags);
    ctx = {pt.satp(Asid(1)), rv::Priv::S, false, false};
  }
};

TEST_F(MmuInThread, SynchronisingMemoryCostsTheSameCycles) {
  WaitingMachine m(kRwx | kAd);
  ScriptedInitiator hart("hart", m.mmu, m.ctx,
                         {{sc_time(100, SC_NS), 0x1000}, {sc_time(200, SC_NS), 0x1008}});
  sc_core::sc_start();

  ASSERT_EQ(hart.done.size(), 2u);
  EXPECT_EQ(hart.done[0].result.outcome, Outcome::Walk);
  EXPECT_EQ(hart.done[0].issue, sc_time(102, SC_NS));
  EXPECT_EQ(hart.done[0].completion, sc_time(132, SC_NS));
  EXPECT_EQ(hart.done[0].result.latency, Cycles(30));
  EXPECT_EQ(m.mem.issued, (std::vector<sc_time>{sc_time(102, SC_NS), sc_time(112, SC_NS),
                                                sc_time(122, SC_NS)}));
  EXPECT_EQ(hart.done[1].result.outcome, Outcome::L1Hit);
  EXPECT_EQ(hart.done[1].issue, sc_time(202, SC_NS));
  EXPECT_EQ(hart.done[1].completion, sc_time(202, SC_NS));
}

// Another hart's store at a fixed time: the PTE write of a hart running beside the walker.
struct TimedStore : sc_core::sc_module {
  SC_HAS_PROCESS(TimedStore);
  TimedStore(sc_core::sc_module_name name, PteTestMemory& mem, sc_time at, PhysAddr addr,
             std::uint64_t value)
      : sc_module(name), mem_(mem), at_(at), addr_(addr), value_(value) {
    SC_THREAD(run);
  }

 private:
  void run() {
    wait(at_);
    mem_.poke(addr_, value_);
  }
  PteTestMemory& mem_;
  sc_time at_;
  PhysAddr addr_;
  std::uint64_t value_;
};

// §12.3.2 step 9: the A/D update must be atomic with respect to other stores to the PTE. The
// memory waits out its latency, so other harts run while the walker's compare read is in
// flight; a store that lands then must make the compare fail (and the walk fault on the now
// invalid PTE), never be overwritten by the walker's stale update.
TEST_F(MmuInThread, AdUpdateIsAtomicWithAWaitingMemory) {
  WaitingMachine m(kRwx);
  // Issued at 102 ns: PTE reads arrive at 102, 112 and 122 (the leaf), the compare read at 132
  // and completes at 142, when the store is made. The other hart unmaps the page at 137 ns.
  ScriptedInitiator hart("hart", m.mmu, m.ctx, {{sc_time(100, SC_NS), 0x1000, rv::Access::Store}});
  TimedStore unmap("unmap", m.backing, sc_time(137, SC_NS), m.leaf, 0);
  sc_core::sc_start();

  ASSERT_EQ(hart.done.size(), 1u);
  EXPECT_EQ(m.backing.peek(m.leaf), 0u);  // the other hart's store stands
  EXPECT_TRUE(hart.done[0].result.fault);
  EXPECT_EQ(hart.done[0].result.cause, rv::Exception::StorePageFault);  // the re-read leaf is invalid
  EXPECT_EQ(hart.done[0].result.walk.pte_writes, 0u);
}

// Without interference the same walk sets A and D, timed as one read and one write of the PTE.
TEST_F(MmuInThread, AdUpdateWithAWaitingMemoryStoresOnce) {
  WaitingMachine m(kRwx);
  ScriptedInitiator hart("hart", m.mmu, m.ctx, {{sc_time(100, SC_NS), 0x1000, rv::Access::Store}});
  sc_core::sc_start();

  ASSERT_EQ(hart.done.size(), 1u);
  EXPECT_FALSE(hart.done[0].result.fault);
  EXPECT_EQ(m.backing.peek(m.leaf), make_pte(0x9000'0000 >> 12, kRwx | kAd));
  EXPECT_EQ(hart.done[0].result.latency, Cycles(50));
  EXPECT_EQ(m.mem.issued, (std::vector<sc_time>{sc_time(102, SC_NS), sc_time(112, SC_NS),
                                                sc_time(122, SC_NS), sc_time(132, SC_NS),
                                                sc_time(142, SC_NS)}));
}

}  // namespace
}  // namespace memvp::mmu::test
