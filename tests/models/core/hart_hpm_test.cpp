// Performance counters on a running hart (docs/core.md, "Performance counters"): the same
// program with mhpmevent3 selecting DRAM writes, DRAM reads or nothing takes the same cycles
// (counting never changes timing), and counts the stores the RAM served. RAM without DMI, so
// every access is a transaction that carries the hart's MemoryEvents.
#include "core/csr_numbers.h"
#include "hart_fixture.h"

namespace memvp::test {
namespace {

using namespace rv;

class HartHpmTest : public HartFixture, public testing::WithParamInterface<unsigned> {
 protected:
  HartHpmTest() : HartFixture(HartConfig{}, /*mem_latency=*/3, /*dmi=*/false) {}
};

constexpr unsigned kNone = 0, kDramRead = 11, kDramWrite = 12;
constexpr std::uint64_t kStores = 8;

// mhpmevent3 = selector, mhpmcounter3 = 0, eight stores to distinct lines, x10 = mhpmcounter3.
Program stores(unsigned selector) {
  Program p;
  p << addi(5, 0, static_cast<std::int32_t>(selector)) << csrrw(0, csrn::mhpmevent3, 5)
    << csrrw(0, csrn::mhpmcounter3, 0);
  p.la(6, 0x800);
  for (std::uint64_t i = 0; i < kStores; ++i) p << sd(0, 6, static_cast<std::int32_t>(i * 64));
  p << csrr(10, csrn::mhpmcounter3) << csrr(11, csrn::mhpmevent3);
  p.exit(0);
  return p;
}

TEST_P(HartHpmTest, CountingLeavesTheCyclesAlone) {
  const RunEnd end = run(stores(GetParam()));
  ASSERT_EQ(end.exit_code, 0);
  EXPECT_EQ(x(11), GetParam());
  // Reads: none, as the counted instructions lie in the first 64-byte fetch line, read before.
  EXPECT_EQ(x(10), GetParam() == kDramWrite ? kStores : 0u);
  // The same for every selector (measured with selector 0).
  EXPECT_EQ(hart_.stats().cycles, 49u);
  EXPECT_EQ(hart_.stats().instret, 19u);
}

INSTANTIATE_TEST_SUITE_P(Selectors, HartHpmTest, testing::Values(kNone, kDramRead, kDramWrite));

}  // namespace
}  // namespace memvp::test
