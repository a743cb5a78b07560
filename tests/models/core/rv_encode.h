// A small RV64 instruction encoder for unit tests: each function returns the 32-bit encoding of
// one instruction (unprivileged spec §2.2 formats), so test programs read like assembly.
#pragma once

#include <cstdint>

namespace memvp::test::rv {

using u32 = std::uint32_t;

constexpr u32 r_type(u32 op, u32 f3, u32 f7, u32 rd, u32 rs1, u32 rs2) {
  return f7 << 25 | rs2 << 20 | rs1 << 15 | f3 << 12 | rd << 7 | op;
}
constexpr u32 i_type(u32 op, u32 f3, u32 rd, u32 rs1, std::int32_t imm) {
  return (static_cast<u32>(imm) & 0xFFF) << 20 | rs1 << 15 | f3 << 12 | rd << 7 | op;
}
constexpr u32 s_type(u32 f3, u32 rs1, u32 rs2, std::int32_t imm) {
  const u32 i = static_cast<u32>(imm);
  return ((i >> 5) & 0x7F) << 25 | rs2 << 20 | rs1 << 15 | f3 << 12 | (i & 0x1F) << 7 | 0x23;
}
constexpr u32 b_type(u32 f3, u32 rs1, u32 rs2, std::int32_t off) {
  const u32 i = static_cast<u32>(off);
  return ((i >> 12) & 1) << 31 | ((i >> 5) & 0x3F) << 25 | rs2 << 20 | rs1 << 15 | f3 << 12 |
         ((i >> 1) & 0xF) << 8 | ((i >> 11) & 1) << 7 | 0x63;
}

constexpr u32 addi(u32 rd, u32 rs1, std::int32_t imm) { return i_type(0x13, 0, rd, rs1, imm); }
constexpr u32 li(u32 rd, std::int32_t imm) { return addi(rd, 0, imm); }
constexpr u32 nop() { return addi(0, 0, 0); }
constexpr u32 add(u32 rd, u32 rs1, u32 rs2) { return r_type(0x33, 0, 0, rd, rs1, rs2); }
constexpr u32 mul(u32 rd, u32 rs1, u32 rs2) { return r_type(0x33, 0, 1, rd, rs1, rs2); }
constexpr u32 div(u32 rd, u32 rs1, u32 rs2) { return r_type(0x33, 4, 1, rd, rs1, rs2); }
constexpr u32 lui(u32 rd, u32 imm20) { return imm20 << 12 | rd << 7 | 0x37; }
constexpr u32 ld(u32 rd, u32 rs1, std::int32_t imm) { return i_type(0x03, 3, rd, rs1, imm); }
constexpr u32 lw(u32 rd, u32 rs1, std::int32_t imm) { return i_type(0x03, 2, rd, rs1, imm); }
constexpr u32 sd(u32 rs2, u32 rs1, std::int32_t imm) { return s_type(3, rs1, rs2, imm); }
constexpr u32 sw(u32 rs2, u32 rs1, std::int32_t imm) { return s_type(2, rs1, rs2, imm); }
constexpr u32 bne(u32 rs1, u32 rs2, std::int32_t off) { return b_type(1, rs1, rs2, off); }
constexpr u32 beq(u32 rs1, u32 rs2, std::int32_t off) { return b_type(0, rs1, rs2, off); }
constexpr u32 jal(u32 rd, std::int32_t off) {
  const u32 i = static_cast<u32>(off);
  return ((i >> 20) & 1) << 31 | ((i >> 1) & 0x3FF) << 21 | ((i >> 11) & 1) << 20 | ((i >> 12) & 0xFF) << 12 |
         rd << 7 | 0x6F;
}
constexpr u32 csrrw(u32 rd, u32 csr, u32 rs1) { return i_type(0x73, 1, rd, rs1, static_cast<std::int32_t>(csr)); }
constexpr u32 csrrs(u32 rd, u32 csr, u32 rs1) { return i_type(0x73, 2, rd, rs1, static_cast<std::int32_t>(csr)); }
constexpr u32 csrrc(u32 rd, u32 csr, u32 rs1) { return i_type(0x73, 3, rd, rs1, static_cast<std::int32_t>(csr)); }
constexpr u32 csrrwi(u32 rd, u32 csr, u32 uimm) { return i_type(0x73, 5, rd, uimm, static_cast<std::int32_t>(csr)); }
constexpr u32 csrr(u32 rd, u32 csr) { return csrrs(rd, csr, 0); }
constexpr u32 ecall() { return 0x00000073; }
constexpr u32 ebreak() { return 0x00100073; }
constexpr u32 mret() { return 0x30200073; }
constexpr u32 sret() { return 0x10200073; }
constexpr u32 wfi() { return 0x10500073; }

}  // namespace memvp::test::rv
