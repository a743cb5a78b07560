// Decoder tests: every compressed instruction expands to the 32-bit instruction the GNU
// assembler gives for it (pairs taken from riscv64-unknown-elf-as), reserved encodings are
// illegal, and every row of the decode table decodes to itself.
#include <gtest/gtest.h>

#include "core/decode.h"
#include "core/isa/semantics.h"

namespace memvp {
namespace {

struct RvcPair {
  std::uint16_t c;
  std::uint32_t expanded;
};

// clang-format off
constexpr RvcPair kRvc[] = {
      {0x1fe0, 0x3fc10413},  // c.addi4spn s0,sp,1020
      {0x5d64, 0x07c52483},  // c.lw s1,124(a0)
      {0x7c7c, 0x0f843783},  // c.ld a5,248(s0)
      {0xc1a4, 0x0495a023},  // c.sw s1,64(a1)
      {0xe698, 0x00e6b423},  // c.sd a4,8(a3)
      {0x0001, 0x00000013},  // c.nop
      {0x1281, 0xfe028293},  // c.addi t0,-32
      {0x23fd, 0x01f3839b},  // c.addiw t2,31
      {0x5ffd, 0xfff00f93},  // c.li t6,-1
      {0x7101, 0xe0010113},  // c.addi16sp sp,-512
      {0x617d, 0x1f010113},  // c.addi16sp sp,496
      {0x7181, 0xfffe01b7},  // c.lui gp,0xfffe0
      {0x6205, 0x00001237},  // c.lui tp,0x1
      {0x907d, 0x03f45413},  // c.srli s0,0x3f
      {0x8485, 0x4014d493},  // c.srai s1,0x1
      {0x9965, 0xff957513},  // c.andi a0,-7
      {0x8c05, 0x40940433},  // c.sub s0,s1
      {0x8d2d, 0x00b54533},  // c.xor a0,a1
      {0x8e55, 0x00d66633},  // c.or a2,a3
      {0x8f7d, 0x00f77733},  // c.and a4,a5
      {0x9c1d, 0x40f4043b},  // c.subw s0,a5
      {0x9cb9, 0x00e484bb},  // c.addw s1,a4
      {0xaffd, 0x7fe0006f},  // c.j .+2046
      {0xb001, 0x801ff06f},  // c.j .-2048
      {0xcc7d, 0x0e040f63},  // c.beqz s0,.+254
      {0xf381, 0xf00790e3},  // c.bnez a5,.-256
      {0x1306, 0x02131313},  // c.slli t1,0x21
      {0x53fe, 0x0fc12383},  // c.lwsp t2,252(sp)
      {0x747e, 0x1f813403},  // c.ldsp s0,504(sp)
      {0x8082, 0x00008067},  // c.jr ra
      {0x829a, 0x006002b3},  // c.mv t0,t1
      {0x9002, 0x00100073},  // c.ebreak
      {0x9382, 0x000380e7},  // c.jalr t2
      {0x9426, 0x00940433},  // c.add s0,s1
      {0xdfaa, 0x0ea12e23},  // c.swsp a0,252(sp)
      {0xffae, 0x1eb13c23},  // c.sdsp a1,504(sp)
};
// clang-format on

TEST(RvcExpansion, MatchesTheAssembler) {
  for (const RvcPair& p : kRvc) {
    EXPECT_EQ(expand_rvc(p.c), p.expanded) << std::hex << "c = 0x" << p.c;
  }
}

TEST(RvcExpansion, ReservedEncodingsAreIllegal) {
  EXPECT_EQ(expand_rvc(0x0000), 0u);  // all zeros (§28.5.4: defined illegal)
  EXPECT_EQ(expand_rvc(0x6101), 0u);  // c.addi16sp with nzimm = 0
  EXPECT_EQ(expand_rvc(0x6081), 0u);  // c.lui ra, 0
  EXPECT_EQ(expand_rvc(0x2001), 0u);  // c.addiw with rd = 0
  EXPECT_EQ(expand_rvc(0x4002), 0u);  // c.lwsp with rd = 0
  EXPECT_EQ(expand_rvc(0x8002), 0u);  // c.jr with rs1 = 0
  EXPECT_EQ(expand_rvc(0x9c41), 0u);  // reserved misc-alu encoding (funct6 100111, funct2 10)
}

// RV64C's double-precision loads and stores (§28.3.1-28.3.2).
TEST(RvcExpansion, DoubleLoadsAndStores) {
  EXPECT_EQ(expand_rvc(0x2002), 0x00013007u);  // c.fldsp f0, 0(sp) -> fld f0, 0(sp)
  EXPECT_EQ(expand_rvc(0xA002), 0x00013027u);  // c.fsdsp f0, 0(sp) -> fsd f0, 0(sp)
  EXPECT_EQ(expand_rvc(0x2000), 0x00043407u);  // c.fld f8, 0(s0)
  EXPECT_EQ(expand_rvc(0xA000), 0x00843027u);  // c.fsd f8, 0(s0)
}

TEST(Decode, EveryTableRowDecodesToItself) {
  for (const InsnSpec& s : decode_table()) {
    const Decoded d = decode32(s.match);
    ASSERT_NE(d.spec, nullptr) << s.name;
    EXPECT_STREQ(d.spec->name, s.name);
  }
}

TEST(Decode, ExtractsFieldsAndImmediates) {
  Decoded d = decode32(0xfe028293);  // addi t0, t0, -32
  EXPECT_STREQ(d.spec->name, "addi");
  EXPECT_EQ(d.rd, 5);
  EXPECT_EQ(d.rs1, 5);
  EXPECT_EQ(d.imm, -32);
  d = decode32(0x801ff06f);  // jal x0, -2048
  EXPECT_STREQ(d.spec->name, "jal");
  EXPECT_EQ(d.imm, -2048);
  d = decode32(0xf00790e3);  // bne a5, x0, -256
  EXPECT_STREQ(d.spec->name, "bne");
  EXPECT_EQ(d.imm, -256);
  d = decode32(0x1eb13c23);  // sd a1, 504(sp)
  EXPECT_STREQ(d.spec->name, "sd");
  EXPECT_EQ(d.imm, 504);
  EXPECT_EQ(d.rs2, 11);
  d = decode32(0x4014d493);  // srai s1, s1, 1
  EXPECT_STREQ(d.spec->name, "srai");
  EXPECT_EQ(d.imm, 1);
}

TEST(Decode, UnknownAndReservedEncodingsAreIllegal) {
  EXPECT_EQ(decode32(0xFFFFFFFF).spec, nullptr);
  EXPECT_EQ(decode32(0x0200101B | (1 << 25)).spec, nullptr);  // slliw with shamt[5] = 1
  EXPECT_EQ(decode32(0x00000007).spec, nullptr);              // FLW: no F extension
  const Decoded c = decode(0x0000);
  EXPECT_EQ(c.spec, nullptr);
  EXPECT_EQ(c.len, 2);
  EXPECT_EQ(c.raw, 0u);
}

TEST(Decode, CompressedKeepsItsOwnLengthAndBits) {
  const Decoded d = decode(0x1281);  // c.addi t0, -32
  EXPECT_STREQ(d.spec->name, "addi");
  EXPECT_EQ(d.len, 2);
  EXPECT_EQ(d.raw, 0x1281u);
  EXPECT_EQ(d.imm, -32);
}

// The unprivileged spec §13.2 table: division by zero and signed overflow.
TEST(MExtension, DivisionCornerCases) {
  using namespace isa::alu;
  const std::uint64_t min64 = 1ULL << 63;
  EXPECT_EQ(div(7, 0), ~0ULL);
  EXPECT_EQ(divu(7, 0), ~0ULL);
  EXPECT_EQ(rem(7, 0), 7u);
  EXPECT_EQ(remu(7, 0), 7u);
  EXPECT_EQ(div(min64, ~0ULL), min64);
  EXPECT_EQ(rem(min64, ~0ULL), 0u);
  EXPECT_EQ(divw(0x80000000, ~0ULL), 0xFFFFFFFF80000000ULL);
  EXPECT_EQ(remw(0x80000000, ~0ULL), 0u);
  EXPECT_EQ(divuw(7, 0), ~0ULL);  // 32-bit all ones, sign-extended
  EXPECT_EQ(remuw(0xFFFFFFFF80000001ULL, 0), 0xFFFFFFFF80000001ULL);
  EXPECT_EQ(div(static_cast<std::uint64_t>(-7), 2), static_cast<std::uint64_t>(-3));  // rounds to zero
  EXPECT_EQ(rem(static_cast<std::uint64_t>(-7), 2), static_cast<std::uint64_t>(-1));
}

TEST(MExtension, HighMultiplies) {
  using namespace isa::alu;
  EXPECT_EQ(mulh(~0ULL, ~0ULL), 0u);                // (-1) x (-1) = 1
  EXPECT_EQ(mulhu(~0ULL, ~0ULL), ~0ULL - 1);        // (2^64-1)^2 >> 64
  EXPECT_EQ(mulhsu(~0ULL, ~0ULL), ~0ULL);           // (-1) x (2^64-1) = -(2^64-1)
  EXPECT_EQ(mulh(1ULL << 63, 1ULL << 63), 1ULL << 62);
  EXPECT_EQ(mulw(0x7FFFFFFF, 2), 0xFFFFFFFFFFFFFFFEULL);
}

TEST(RV64I, WordShiftsAndArithmeticSignExtend) {
  using namespace isa::alu;
  EXPECT_EQ(addw(0x7FFFFFFF, 1), 0xFFFFFFFF80000000ULL);
  EXPECT_EQ(sllw(1, 31), 0xFFFFFFFF80000000ULL);
  EXPECT_EQ(srlw(0xFFFFFFFF80000000ULL, 31), 1u);
  EXPECT_EQ(sraw(0x80000000, 31), ~0ULL);
  EXPECT_EQ(sra(1ULL << 63, 63), ~0ULL);
  EXPECT_EQ(sll(1, 64 + 3), 8u);  // only the low 6 bits of the shift amount count
  EXPECT_EQ(slt(~0ULL, 0), 1u);
  EXPECT_EQ(sltu(~0ULL, 0), 0u);
}

}  // namespace
}  // namespace memvp
