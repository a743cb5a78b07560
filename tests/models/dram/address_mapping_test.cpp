// Address decoding for given bit orders, the XOR bank option, encode/decode round trips and
// rejection of malformed bit-order strings.
#include <gtest/gtest.h>

#include "common/error.h"
#include "dram/address_mapping.h"
#include "dram/dram_schema.h"
#include "read_keys.h"

namespace memvp {
namespace {

TEST(AddressMapping, DecodesDefaultOrderRowBankGroupBankRankColumnChannel) {
  Ddr4Config cfg;  // RoBgBaRaCoCh: offset 6 bits, Co 7 (6..12), Ba 2, Bg 2, Ro 16 (17..32)
  const AddressMapping m(cfg);
  EXPECT_EQ(m.offset_bits(), 6u);
  EXPECT_EQ(m.capacity_bytes(), 8ULL << 30);
  const DramCoord c = m.decode(0x123456789);
  EXPECT_EQ(c.column, Column(30));
  EXPECT_EQ(c.bank, Bank(3));
  EXPECT_EQ(c.bank_group, BankGroup(2));
  EXPECT_EQ(c.row, Row(37282));
  EXPECT_EQ(c.rank, Rank(0));
  EXPECT_EQ(c.channel, ChannelId(0));
  EXPECT_EQ(m.encode(c), 0x123456789ULL & ~0x3fULL);
}

TEST(AddressMapping, DecodesChannelAndRankAtTheTopWithXor) {
  Ddr4Config cfg;
  cfg.org.channels = 2;
  cfg.org.ranks = 2;
  cfg.address_mapping = "ChRaRoBgBaCo";
  const std::uint64_t a = 0x587654321;
  DramCoord c = AddressMapping(cfg).decode(a);
  EXPECT_EQ(c.channel, ChannelId(1));
  EXPECT_EQ(c.rank, Rank(0));
  EXPECT_EQ(c.row, Row(50098));
  EXPECT_EQ(c.bank_group, BankGroup(2));
  EXPECT_EQ(c.bank, Bank(2));
  EXPECT_EQ(c.column, Column(12));

  cfg.xor_bank_bits = true;  // bank group ^= row[1:0], bank ^= row[3:2]
  const AddressMapping x(cfg);
  c = x.decode(a);
  EXPECT_EQ(c.bank_group, BankGroup(2 ^ (50098 & 3)));
  EXPECT_EQ(c.bank, Bank(2 ^ ((50098 >> 2) & 3)));
  EXPECT_EQ(x.encode(c), a & ~0x3fULL);
}

TEST(AddressMapping, EncodeInvertsDecode) {
  Ddr4Config cfg;
  cfg.org.ranks = 2;
  cfg.xor_bank_bits = true;
  const AddressMapping m(cfg);
  for (std::uint64_t a = 0; a < (16ULL << 30); a += 0x3f1c0c0ULL)
    EXPECT_EQ(m.encode(m.decode(a)), a & ~0x3fULL) << std::hex << a;
}

TEST(AddressMapping, RejectsMalformedBitOrders) {
  Ddr4Config cfg;
  for (const char* bad : {"RoBgBaRaCo", "RoRoBgBaCoCh", "RoBgBaRaCoXx", ""}) {
    cfg.address_mapping = bad;
    EXPECT_THROW(AddressMapping{cfg}, InputError) << bad;
  }
  cfg.address_mapping = "RoRoBgBaCoCh";
  try {
    cfg.validate();
    FAIL();
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(), "memory.ddr4.address_mapping: \"RoRoBgBaCoCh\" repeats field \"Ro\"");
  }
}

TEST(Ddr4Config, ValidateNamesTheBadField) {
  Ddr4Config cfg;
  cfg.org.bank_groups = 3;
  EXPECT_THROW(cfg.validate(), InputError);
  cfg = Ddr4Config{};
  cfg.write_low_watermark = cfg.write_high_watermark;
  EXPECT_THROW(cfg.validate(), InputError);
  cfg = Ddr4Config{};
  cfg.size_bytes = 16ULL << 30;  // more than one 8 GiB rank
  EXPECT_THROW(cfg.validate(), InputError);
  EXPECT_NO_THROW(Ddr4Config{}.validate());
}

TEST(Ddr4Config, EnumsByName) {
  const Ddr4Config c =
      read_keys(ddr4_keys(), "memory.ddr4", "[memory.ddr4]\npage_policy = \"closed\"\nscheduler = \"fcfs\"\n");
  EXPECT_EQ(c.page_policy, PagePolicyKind::Closed);
  EXPECT_EQ(c.scheduler, SchedulerKind::Fcfs);
  EXPECT_EQ(read_keys_error(ddr4_keys(), "memory.ddr4", "[memory.ddr4]\nscheduler = \"frfcfs\"\n"),
            "test.toml:2: memory.ddr4.scheduler: \"frfcfs\" is not one of \"fr-fcfs\", \"fcfs\"");
  EXPECT_STREQ(to_string(SchedulerKind::FrFcfs), "fr-fcfs");
  EXPECT_STREQ(to_string(PagePolicyKind::Open), "open");
}

}  // namespace
}  // namespace memvp
