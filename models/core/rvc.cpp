// The RVC expansion (unprivileged spec §28.3-28.7, listed by quadrant in §28.8): each compressed
// instruction is rewritten as the 32-bit instruction it is defined to be. Reserved encodings
// expand to 0, which decodes as illegal. RV64C's F/D forms are the double-precision loads and
// stores C.FLD/C.FSD/C.FLDSP/C.FSDSP (§28.3.1-28.3.2); RV64 has no C.FLW/C.FSW.
#include <array>

#include "core/decode.h"

namespace memvp {
namespace {

constexpr std::uint32_t b(std::uint32_t v, unsigned hi, unsigned lo) {
  return (v >> lo) & ((1U << (hi - lo + 1)) - 1);
}
constexpr std::uint32_t sext6(std::uint32_t v) { return (v & 0x20) ? (v | ~0x3FU) : v; }

// 32-bit encoders (§2.2 formats).
constexpr std::uint32_t enc_i(std::uint32_t opc, std::uint32_t f3, std::uint32_t rd, std::uint32_t rs1, std::uint32_t imm) {
  return (imm & 0xFFF) << 20 | rs1 << 15 | f3 << 12 | rd << 7 | opc;
}
constexpr std::uint32_t enc_r(std::uint32_t opc, std::uint32_t f3, std::uint32_t f7, std::uint32_t rd, std::uint32_t rs1, std::uint32_t rs2) {
  return f7 << 25 | rs2 << 20 | rs1 << 15 | f3 << 12 | rd << 7 | opc;
}
constexpr std::uint32_t enc_s(std::uint32_t f3, std::uint32_t rs1, std::uint32_t rs2, std::uint32_t imm,
                              std::uint32_t opc = 0x23) {
  return b(imm, 11, 5) << 25 | rs2 << 20 | rs1 << 15 | f3 << 12 | b(imm, 4, 0) << 7 | opc;
}
constexpr std::uint32_t enc_b(std::uint32_t f3, std::uint32_t rs1, std::uint32_t imm) {
  return b(imm, 12, 12) << 31 | b(imm, 10, 5) << 25 | rs1 << 15 | f3 << 12 | b(imm, 4, 1) << 8 | b(imm, 11, 11) << 7 | 0x63;
}
constexpr std::uint32_t enc_j(std::uint32_t rd, std::uint32_t imm) {
  return b(imm, 20, 20) << 31 | b(imm, 10, 1) << 21 | b(imm, 11, 11) << 20 | b(imm, 19, 12) << 12 | rd << 7 | 0x6F;
}

// Register fields: full 5-bit ones and the 3-bit rd'/rs1'/rs2' forms (x8-x15).
constexpr std::uint32_t rd(std::uint32_t c) { return b(c, 11, 7); }
constexpr std::uint32_t rs2(std::uint32_t c) { return b(c, 6, 2); }
constexpr std::uint32_t rdp(std::uint32_t c) { return 8 + b(c, 4, 2); }
constexpr std::uint32_t rs1p(std::uint32_t c) { return 8 + b(c, 9, 7); }
constexpr std::uint32_t imm6(std::uint32_t c) { return sext6(b(c, 12, 12) << 5 | b(c, 6, 2)); }
constexpr std::uint32_t shamt(std::uint32_t c) { return b(c, 12, 12) << 5 | b(c, 6, 2); }
// Scaled offsets of the register-based loads/stores (C.LW/C.SW and C.LD/C.SD).
constexpr std::uint32_t off_w(std::uint32_t c) { return b(c, 12, 10) << 3 | b(c, 6, 6) << 2 | b(c, 5, 5) << 6; }
constexpr std::uint32_t off_d(std::uint32_t c) { return b(c, 12, 10) << 3 | b(c, 6, 5) << 6; }
constexpr std::uint32_t off_j(std::uint32_t c) {
  const std::uint32_t o = b(c, 12, 12) << 11 | b(c, 11, 11) << 4 | b(c, 10, 9) << 8 | b(c, 8, 8) << 10 |
                          b(c, 7, 7) << 6 | b(c, 6, 6) << 7 | b(c, 5, 3) << 1 | b(c, 2, 2) << 5;
  return (o & 0x800) ? (o | ~0xFFFU) : o;
}
constexpr std::uint32_t off_b(std::uint32_t c) {
  const std::uint32_t o = b(c, 12, 12) << 8 | b(c, 11, 10) << 3 | b(c, 6, 5) << 6 | b(c, 4, 3) << 1 | b(c, 2, 2) << 5;
  return (o & 0x100) ? (o | ~0x1FFU) : o;
}

using Expander = std::uint32_t (*)(std::uint32_t);

std::uint32_t c_addi4spn(std::uint32_t c) {
  const std::uint32_t imm = b(c, 12, 11) << 4 | b(c, 10, 7) << 6 | b(c, 6, 6) << 2 | b(c, 5, 5) << 3;
  return imm ? enc_i(0x13, 0, rdp(c), 2, imm) : 0;  // nzuimm = 0 is reserved
}
std::uint32_t c_lw(std::uint32_t c) { return enc_i(0x03, 2, rdp(c), rs1p(c), off_w(c)); }
std::uint32_t c_ld(std::uint32_t c) { return enc_i(0x03, 3, rdp(c), rs1p(c), off_d(c)); }
std::uint32_t c_fld(std::uint32_t c) { return enc_i(0x07, 3, rdp(c), rs1p(c), off_d(c)); }
std::uint32_t c_fsd(std::uint32_t c) { return enc_s(3, rs1p(c), rdp(c), off_d(c), 0x27); }
std::uint32_t c_sw(std::uint32_t c) { return enc_s(2, rs1p(c), rdp(c), off_w(c)); }
std::uint32_t c_sd(std::uint32_t c) { return enc_s(3, rs1p(c), rdp(c), off_d(c)); }
std::uint32_t c_addi(std::uint32_t c) { return enc_i(0x13, 0, rd(c), rd(c), imm6(c)); }
std::uint32_t c_addiw(std::uint32_t c) { return rd(c) ? enc_i(0x1B, 0, rd(c), rd(c), imm6(c)) : 0; }
std::uint32_t c_li(std::uint32_t c) { return enc_i(0x13, 0, rd(c), 0, imm6(c)); }
std::uint32_t c_lui_addi16sp(std::uint32_t c) {
  if (rd(c) == 2) {
    const std::uint32_t imm = b(c, 12, 12) << 9 | b(c, 6, 6) << 4 | b(c, 5, 5) << 6 | b(c, 4, 3) << 7 | b(c, 2, 2) << 5;
    return imm ? enc_i(0x13, 0, 2, 2, (imm & 0x200) ? (imm | ~0x3FFU) : imm) : 0;
  }
  const std::uint32_t imm = imm6(c);
  return imm ? (imm << 12 | rd(c) << 7 | 0x37) : 0;  // nzimm = 0 is reserved
}
std::uint32_t c_misc_alu(std::uint32_t c) {
  const std::uint32_t r = rs1p(c);
  switch (b(c, 11, 10)) {
    case 0: return enc_r(0x13, 5, 0x00, r, r, 0) | shamt(c) << 20;  // C.SRLI
    case 1: return enc_r(0x13, 5, 0x20, r, r, 0) | shamt(c) << 20;  // C.SRAI
    case 2: return enc_i(0x13, 7, r, r, imm6(c));                   // C.ANDI
    default: break;
  }
  const std::uint32_t s2 = rdp(c);
  static constexpr std::array<std::array<std::uint32_t, 3>, 8> kOps = {{
      {0x33, 0, 0x20}, {0x33, 4, 0}, {0x33, 6, 0}, {0x33, 7, 0},  // SUB XOR OR AND
      {0x3B, 0, 0x20}, {0x3B, 0, 0}, {0, 0, 0}, {0, 0, 0},        // SUBW ADDW reserved
  }};
  const auto& o = kOps[b(c, 12, 12) << 2 | b(c, 6, 5)];
  return o[0] ? enc_r(o[0], o[1], o[2], r, r, s2) : 0;
}
std::uint32_t c_j(std::uint32_t c) { return enc_j(0, off_j(c)); }
std::uint32_t c_beqz(std::uint32_t c) { return enc_b(0, rs1p(c), off_b(c)); }
std::uint32_t c_bnez(std::uint32_t c) { return enc_b(1, rs1p(c), off_b(c)); }
std::uint32_t c_slli(std::uint32_t c) { return enc_r(0x13, 1, 0, rd(c), rd(c), 0) | shamt(c) << 20; }
std::uint32_t c_lwsp(std::uint32_t c) {
  const std::uint32_t off = b(c, 12, 12) << 5 | b(c, 6, 4) << 2 | b(c, 3, 2) << 6;
  return rd(c) ? enc_i(0x03, 2, rd(c), 2, off) : 0;
}
constexpr std::uint32_t off_dsp(std::uint32_t c) { return b(c, 12, 12) << 5 | b(c, 6, 5) << 3 | b(c, 4, 2) << 6; }
std::uint32_t c_ldsp(std::uint32_t c) { return rd(c) ? enc_i(0x03, 3, rd(c), 2, off_dsp(c)) : 0; }
std::uint32_t c_fldsp(std::uint32_t c) { return enc_i(0x07, 3, rd(c), 2, off_dsp(c)); }  // f0 is allowed
std::uint32_t c_jr_mv_add(std::uint32_t c) {
  const bool bit12 = b(c, 12, 12);
  if (rs2(c) == 0) {
    if (!bit12) return rd(c) ? enc_i(0x67, 0, 0, rd(c), 0) : 0;  // C.JR (rs1 = 0 reserved)
    if (rd(c) == 0) return 0x00100073;                           // C.EBREAK
    return enc_i(0x67, 0, 1, rd(c), 0);                          // C.JALR
  }
  return bit12 ? enc_r(0x33, 0, 0, rd(c), rd(c), rs2(c))  // C.ADD
               : enc_r(0x33, 0, 0, rd(c), 0, rs2(c));     // C.MV
}
std::uint32_t c_swsp(std::uint32_t c) { return enc_s(2, 2, rs2(c), b(c, 12, 9) << 2 | b(c, 8, 7) << 6); }
constexpr std::uint32_t off_sdsp(std::uint32_t c) { return b(c, 12, 10) << 3 | b(c, 9, 7) << 6; }
std::uint32_t c_sdsp(std::uint32_t c) { return enc_s(3, 2, rs2(c), off_sdsp(c)); }
std::uint32_t c_fsdsp(std::uint32_t c) { return enc_s(3, 2, rs2(c), off_sdsp(c), 0x27); }

// Indexed by quadrant (bits 1:0) and funct3 (bits 15:13); nullptr: reserved.
constexpr std::array<std::array<Expander, 8>, 3> kExpand = {{
    {c_addi4spn, c_fld, c_lw, c_ld, nullptr, c_fsd, c_sw, c_sd},
    {c_addi, c_addiw, c_li, c_lui_addi16sp, c_misc_alu, c_j, c_beqz, c_bnez},
    {c_slli, c_fldsp, c_lwsp, c_ldsp, c_jr_mv_add, c_fsdsp, c_swsp, c_sdsp},
}};

}  // namespace

std::uint32_t expand_rvc(std::uint16_t c) {
  const Expander e = kExpand[c & 3][c >> 13];
  return e ? e(c) : 0;
}

}  // namespace memvp
