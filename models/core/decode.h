// Instruction decode: one match/mask table (decode_table.cpp) maps an encoding to its semantic
// function, operand format and timing class; compressed encodings are first expanded to their
// 32-bit equivalents (rvc.cpp, unprivileged spec §28) and keep their own length and bits.
#pragma once

#include <cstdint>
#include <span>

namespace memvp {

class ExecutionEngine;
struct Decoded;
using ExecFn = void (*)(ExecutionEngine&, const Decoded&);

// How the immediate is laid out (unprivileged spec §2.3, the figure of the I/S/B/U/J immediates).
enum class Format : std::uint8_t { R, I, S, B, U, J, Shift, Csr, CsrImm, None };

// What the timing model needs to know about an instruction.
enum class InsnClass : std::uint8_t { Alu, Load, Store, Amo, Mul, Div, Branch, Jal, Jalr, Csr, System, Fence, Fp, FpDiv };

// Operands an instruction reads, for the scoreboard.
enum : std::uint8_t { kReadsRs1 = 1, kReadsRs2 = 2, kReadsRs3 = 4 };
// Which operand fields name f registers (F/D instructions), for the scoreboard.
enum : std::uint8_t { kFpRd = 1, kFpRs1 = 2, kFpRs2 = 4, kFpRs3 = 8 };

struct InsnSpec {
  const char* name;
  std::uint32_t match;
  std::uint32_t mask;
  ExecFn exec;
  Format format;
  InsnClass cls;
};

struct Decoded {
  ExecFn exec = nullptr;
  std::int64_t imm = 0;
  std::uint32_t raw = 0;     // the encoding as fetched (16 bits for compressed)
  std::uint8_t rd = 0, rs1 = 0, rs2 = 0;
  std::uint8_t len = 4;      // 2 or 4 bytes
  InsnClass cls = InsnClass::Alu;
  std::uint8_t reads = 0;    // kReadsRs1 | kReadsRs2 | kReadsRs3
  std::uint8_t fregs = 0;    // kFpRd | kFpRs1 | kFpRs2 | kFpRs3
  std::uint8_t rs3 = 0;      // R4 format only
  const InsnSpec* spec = nullptr;  // nullptr: illegal encoding
};

// The full table, RV64IMAFDC + Zicsr + Zifencei + privileged instructions.
std::span<const InsnSpec> decode_table();

// Decodes a 32-bit encoding; an unknown one yields spec == nullptr and exec = illegal.
Decoded decode32(std::uint32_t insn);
// Expands a 16-bit RVC encoding to the 32-bit instruction it stands for; 0 if reserved/illegal.
std::uint32_t expand_rvc(std::uint16_t c);
// Decodes either length: the low two bits 11 mean a 32-bit instruction (§1.5).
Decoded decode(std::uint32_t bits);

}  // namespace memvp
