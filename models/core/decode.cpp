// Decoding a fetched encoding into a Decoded record: the table row is found through an index by
// major opcode, then the operand fields and the immediate are extracted by format (§2.3).
#include <array>
#include <vector>

#include "core/decode.h"
#include "core/isa/semantics.h"

namespace memvp {
namespace {

constexpr std::int64_t sext(std::uint64_t v, unsigned bits) {
  const std::uint64_t m = 1ULL << (bits - 1);
  return static_cast<std::int64_t>((v ^ m) - m);
}
constexpr std::uint32_t bits(std::uint32_t v, unsigned hi, unsigned lo) {
  return (v >> lo) & ((1U << (hi - lo + 1)) - 1);
}

// Immediate encodings, unprivileged spec §2.3 (the figure of the I/S/B/U/J immediates).
std::int64_t immediate(Format f, std::uint32_t i) {
  switch (f) {
    case Format::I: return sext(bits(i, 31, 20), 12);
    case Format::S: return sext(bits(i, 31, 25) << 5 | bits(i, 11, 7), 12);
    case Format::B:
      return sext(bits(i, 31, 31) << 12 | bits(i, 7, 7) << 11 | bits(i, 30, 25) << 5 | bits(i, 11, 8) << 1, 13);
    case Format::U: return sext(bits(i, 31, 12) << 12, 32);
    case Format::J:
      return sext(bits(i, 31, 31) << 20 | bits(i, 19, 12) << 12 | bits(i, 20, 20) << 11 | bits(i, 30, 21) << 1, 21);
    case Format::Shift: return bits(i, 25, 20);
    case Format::Csr:
    case Format::CsrImm: return bits(i, 31, 20);  // the CSR number; zimm is in the rs1 field
    case Format::R:
    case Format::None: return 0;
  }
  return 0;
}

std::uint8_t reads(Format f) {
  switch (f) {
    case Format::R:
    case Format::S:
    case Format::B: return kReadsRs1 | kReadsRs2;
    case Format::I:
    case Format::Shift:
    case Format::Csr: return kReadsRs1;
    default: return 0;
  }
}

// Which fields of an F/D encoding name f registers, and which registers it reads (§21-22):
// conversions, compares, classify and moves cross between the x and f files, and FSQRT/FCVT
// use rs2 as a selector.
void fp_operands(std::uint32_t i, Decoded& d) {
  switch (i & 0x7F) {
    case 0x07: d.fregs = kFpRd; return;   // FLW/FLD
    case 0x27: d.fregs = kFpRs2; return;  // FSW/FSD
    case 0x43: case 0x47: case 0x4B: case 0x4F:
      d.rs3 = bits(i, 31, 27);
      d.fregs = kFpRd | kFpRs1 | kFpRs2 | kFpRs3;
      d.reads |= kReadsRs3;
      return;
    case 0x53: break;
    default: return;
  }
  switch (bits(i, 31, 27)) {
    case 0x14: d.fregs = kFpRs1 | kFpRs2; return;               // FEQ/FLT/FLE
    case 0x18: case 0x1C: d.fregs = kFpRs1; break;             // FCVT.int.fp, FCLASS, FMV.X
    case 0x1A: case 0x1E: d.fregs = kFpRd; break;              // FCVT.fp.int, FMV.fp.X
    case 0x08: case 0x0B: d.fregs = kFpRd | kFpRs1; break;     // FCVT.S.D/D.S, FSQRT
    default: d.fregs = kFpRd | kFpRs1 | kFpRs2; return;
  }
  d.reads = kReadsRs1;
}

// Rows of the table grouped by major opcode (bits 6:0), in table order.
const std::array<std::vector<const InsnSpec*>, 128>& opcode_index() {
  static const auto index = [] {
    std::array<std::vector<const InsnSpec*>, 128> idx;
    for (const InsnSpec& s : decode_table()) idx[s.match & 0x7F].push_back(&s);
    return idx;
  }();
  return index;
}

}  // namespace

Decoded decode32(std::uint32_t insn) {
  Decoded d;
  d.raw = insn;
  d.len = 4;
  d.exec = isa::illegal;
  for (const InsnSpec* s : opcode_index()[insn & 0x7F]) {
    if ((insn & s->mask) != s->match) continue;
    d.spec = s;
    d.exec = s->exec;
    d.cls = s->cls;
    d.rd = bits(insn, 11, 7);
    d.rs1 = bits(insn, 19, 15);
    d.rs2 = bits(insn, 24, 20);
    d.imm = immediate(s->format, insn);
    d.reads = reads(s->format);
    fp_operands(insn, d);
    break;
  }
  return d;
}

Decoded decode(std::uint32_t fetched) {
  if ((fetched & 3) == 3) return decode32(fetched);
  const auto c = static_cast<std::uint16_t>(fetched);
  const std::uint32_t expanded = expand_rvc(c);
  Decoded d = expanded ? decode32(expanded) : Decoded{};
  if (!expanded) d.exec = isa::illegal;
  d.raw = c;
  d.len = 2;
  return d;
}

}  // namespace memvp
