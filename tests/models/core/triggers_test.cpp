// Triggers on its own (debug spec 1.0, Sdtrig): tselect and tinfo, tdata1's WARL types, and the
// execute/load/store matching of mcontrol6 with its match modes and privilege bits.
#include <gtest/gtest.h>

#include "core/triggers.h"

namespace memvp {
namespace {

constexpr std::uint64_t kMcontrol6 = 6ULL << 60, kDisabled = 15ULL << 60;
constexpr std::uint64_t kLoad = 1, kStore = 2, kExec = 4, kU = 8, kS = 16, kM = 64;
constexpr std::uint64_t match(std::uint64_t m) { return m << 7; }

void program(Triggers& t, unsigned index, std::uint64_t tdata1, std::uint64_t tdata2) {
  t.write_csr(csrn::tselect, index);
  t.write_csr(csrn::tdata1, 0);
  t.write_csr(csrn::tdata2, tdata2);
  t.write_csr(csrn::tdata1, tdata1);
}

TEST(TriggersTest, TwoTriggersThatStartDisabled) {
  Triggers t;
  EXPECT_EQ(*t.read_csr(csrn::tdata1), kDisabled);
  EXPECT_EQ(*t.read_csr(csrn::tinfo), (1ULL << 24) | (1 << 2) | (1 << 6) | (1 << 15));
  t.write_csr(csrn::tselect, 1);
  t.write_csr(csrn::tselect, 2);  // no third trigger: tselect keeps 1
  EXPECT_EQ(*t.read_csr(csrn::tselect), 1u);
  EXPECT_FALSE(t.read_csr(0x7A5).has_value());  // tcontrol is not implemented
  EXPECT_FALSE(t.watch_execute());
  EXPECT_FALSE(t.watch_data());
}

TEST(TriggersTest, Tdata1IsLegalised) {
  Triggers t;
  t.write_csr(csrn::tdata1, (3ULL << 60) | kM | kExec);  // icount (type 3) is not offered
  EXPECT_EQ(*t.read_csr(csrn::tdata1), kDisabled);
  t.write_csr(csrn::tdata1, (2ULL << 60) | kM | kExec | (1 << 12));  // mcontrol, with maskmax 63
  EXPECT_EQ(*t.read_csr(csrn::tdata1), (2ULL << 60) | (63ULL << 53) | kM | kExec);
  EXPECT_TRUE(t.watch_execute());
  // action 1 (debug mode), chain, select and size read as zero; match 4 becomes 0.
  t.write_csr(csrn::tdata1, kMcontrol6 | (1 << 12) | (1 << 11) | (1 << 21) | (1 << 16) | match(4) | kM | kLoad);
  EXPECT_EQ(*t.read_csr(csrn::tdata1), kMcontrol6 | kM | kLoad);
  EXPECT_TRUE(t.watch_data());
  t.write_csr(csrn::tdata3, 55);
  EXPECT_EQ(*t.read_csr(csrn::tdata3), 0u);
}

TEST(TriggersTest, ExecuteMatchesTheInstructionAddressInTheEnabledModes) {
  Triggers t;
  program(t, 0, kMcontrol6 | kU | kExec, 0x1000);
  EXPECT_TRUE(t.watch_execute());
  EXPECT_TRUE(t.fires_on_execute(0x1000, rv::Priv::U));
  EXPECT_FALSE(t.fires_on_execute(0x1000, rv::Priv::S));
  EXPECT_FALSE(t.fires_on_execute(0x1002, rv::Priv::U));
  EXPECT_FALSE(t.fires_on_data(0x1000, 4, rv::Access::Load, rv::Priv::U));
}

TEST(TriggersTest, DataMatchesAnyAccessedByte) {
  Triggers t;
  program(t, 1, kMcontrol6 | kS | kStore, 0x2004);
  EXPECT_TRUE(t.fires_on_data(0x2000, 8, rv::Access::Store, rv::Priv::S));
  EXPECT_TRUE(t.fires_on_data(0x2004, 1, rv::Access::Amo, rv::Priv::S));
  EXPECT_FALSE(t.fires_on_data(0x2000, 4, rv::Access::Store, rv::Priv::S));
  EXPECT_FALSE(t.fires_on_data(0x2000, 8, rv::Access::Load, rv::Priv::S));
}

TEST(TriggersTest, NapotAndRangeMatches) {
  Triggers t;
  program(t, 0, kMcontrol6 | kM | kLoad | match(1), 0x3000 | 0x7F);  // 256 bytes at 0x3000
  EXPECT_TRUE(t.fires_on_data(0x30F8, 8, rv::Access::Load, rv::Priv::M));
  EXPECT_FALSE(t.fires_on_data(0x3100, 8, rv::Access::Load, rv::Priv::M));
  program(t, 0, kMcontrol6 | kM | kLoad | match(2), 0x5000);  // >=
  EXPECT_TRUE(t.fires_on_data(0x4FFC, 8, rv::Access::Load, rv::Priv::M));
  EXPECT_FALSE(t.fires_on_data(0x4FF0, 8, rv::Access::Load, rv::Priv::M));
  program(t, 0, kMcontrol6 | kM | kLoad | match(3), 0x5000);  // <
  EXPECT_TRUE(t.fires_on_data(0x4FFC, 8, rv::Access::Load, rv::Priv::M));
  EXPECT_FALSE(t.fires_on_data(0x5000, 8, rv::Access::Load, rv::Priv::M));
}

}  // namespace
}  // namespace memvp
