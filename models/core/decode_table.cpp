// The decode table of RV64IMAFDC + Zicsr + Zifencei + the privileged instructions: each row gives
// the fixed bits (match) under a mask, the semantic function, the operand format and the timing
// class. Field positions follow the unprivileged spec §2.2-2.3 and Chapter 35's opcode map.
#include <array>

#include "core/decode.h"
#include "core/isa/fp.h"
#include "core/isa/semantics.h"

namespace memvp {
namespace {

namespace op {
constexpr std::uint32_t kLoad = 0x03, kMiscMem = 0x0F, kOpImm = 0x13, kAuipc = 0x17, kOpImm32 = 0x1B,
                        kStore = 0x23, kAmo = 0x2F, kOp = 0x33, kLui = 0x37, kOp32 = 0x3B,
                        kBranch = 0x63, kJalr = 0x67, kJal = 0x6F, kSystem = 0x73, kLoadFp = 0x07,
                        kStoreFp = 0x27, kMadd = 0x43, kMsub = 0x47, kNmsub = 0x4B, kNmadd = 0x4F, kOpFp = 0x53;
}

constexpr std::uint32_t kOpcodeMask = 0x7F;
constexpr std::uint32_t kF3Mask = 0x7000 | kOpcodeMask;
constexpr std::uint32_t kF7Mask = 0xFE000000 | kF3Mask;
constexpr std::uint32_t kF6Mask = 0xFC000000 | kF3Mask;  // RV64 shifts: shamt is 6 bits
constexpr std::uint32_t kF5Mask = 0xF8000000 | kF3Mask;  // AMOs: aq/rl bits are free
constexpr std::uint32_t kExact = 0xFFFFFFFF;

constexpr std::uint32_t f3(std::uint32_t opc, std::uint32_t funct3) { return opc | funct3 << 12; }
constexpr std::uint32_t f7(std::uint32_t opc, std::uint32_t funct3, std::uint32_t funct7) {
  return f3(opc, funct3) | funct7 << 25;
}
// OP-FP (§21.6-21.9): funct5 in bits 31:27, fmt in 26:25 (0 = S, 1 = D); rm in funct3 is free
// unless the row fixes it (kFpRmMask), and rs2 selects a variant in some rows (kFpRs2Mask).
constexpr std::uint32_t fpop(std::uint32_t funct5, std::uint32_t fmt, std::uint32_t rm = 0, std::uint32_t rs2 = 0) {
  return op::kOpFp | rm << 12 | rs2 << 20 | fmt << 25 | funct5 << 27;
}
constexpr std::uint32_t kFpMask = 0xFE000000 | kOpcodeMask;
constexpr std::uint32_t kFpRmMask = kFpMask | 0x7000;
constexpr std::uint32_t kFpRs2Mask = kFpMask | 0x01F00000;
constexpr std::uint32_t kFpRs2RmMask = kFpRs2Mask | 0x7000;
// R4 (fused multiply-add): fmt in bits 26:25.
constexpr std::uint32_t kR4Mask = 0x06000000 | kOpcodeMask;
constexpr std::uint32_t r4(std::uint32_t opc, std::uint32_t fmt) { return opc | fmt << 25; }

constexpr std::uint32_t amo(std::uint32_t funct3, std::uint32_t funct5) {
  return f3(op::kAmo, funct3) | funct5 << 27;
}

using F = Format;
using C = InsnClass;
namespace s = isa;

// clang-format off
constexpr std::array kTable = {
  // RV64I (unprivileged spec §2.4-2.6, §4.2-4.3)
  InsnSpec{"lui",    op::kLui,   kOpcodeMask, s::lui,   F::U, C::Alu},
  InsnSpec{"auipc",  op::kAuipc, kOpcodeMask, s::auipc, F::U, C::Alu},
  InsnSpec{"jal",    op::kJal,   kOpcodeMask, s::jal,   F::J, C::Jal},
  InsnSpec{"jalr",   f3(op::kJalr, 0), kF3Mask, s::jalr, F::I, C::Jalr},
  InsnSpec{"beq",  f3(op::kBranch, 0), kF3Mask, s::branch<s::cond::eq>,  F::B, C::Branch},
  InsnSpec{"bne",  f3(op::kBranch, 1), kF3Mask, s::branch<s::cond::ne>,  F::B, C::Branch},
  InsnSpec{"blt",  f3(op::kBranch, 4), kF3Mask, s::branch<s::cond::lt>,  F::B, C::Branch},
  InsnSpec{"bge",  f3(op::kBranch, 5), kF3Mask, s::branch<s::cond::ge>,  F::B, C::Branch},
  InsnSpec{"bltu", f3(op::kBranch, 6), kF3Mask, s::branch<s::cond::ltu>, F::B, C::Branch},
  InsnSpec{"bgeu", f3(op::kBranch, 7), kF3Mask, s::branch<s::cond::geu>, F::B, C::Branch},
  InsnSpec{"lb",  f3(op::kLoad, 0), kF3Mask, s::load<std::int8_t>,   F::I, C::Load},
  InsnSpec{"lh",  f3(op::kLoad, 1), kF3Mask, s::load<std::int16_t>,  F::I, C::Load},
  InsnSpec{"lw",  f3(op::kLoad, 2), kF3Mask, s::load<std::int32_t>,  F::I, C::Load},
  InsnSpec{"ld",  f3(op::kLoad, 3), kF3Mask, s::load<std::int64_t>,  F::I, C::Load},
  InsnSpec{"lbu", f3(op::kLoad, 4), kF3Mask, s::load<std::uint8_t>,  F::I, C::Load},
  InsnSpec{"lhu", f3(op::kLoad, 5), kF3Mask, s::load<std::uint16_t>, F::I, C::Load},
  InsnSpec{"lwu", f3(op::kLoad, 6), kF3Mask, s::load<std::uint32_t>, F::I, C::Load},
  InsnSpec{"sb", f3(op::kStore, 0), kF3Mask, s::store<std::uint8_t>,  F::S, C::Store},
  InsnSpec{"sh", f3(op::kStore, 1), kF3Mask, s::store<std::uint16_t>, F::S, C::Store},
  InsnSpec{"sw", f3(op::kStore, 2), kF3Mask, s::store<std::uint32_t>, F::S, C::Store},
  InsnSpec{"sd", f3(op::kStore, 3), kF3Mask, s::store<std::uint64_t>, F::S, C::Store},
  InsnSpec{"addi",  f3(op::kOpImm, 0), kF3Mask, s::op_imm<s::alu::add>,  F::I, C::Alu},
  // The region-of-interest markers (core/fast_forward_listener.h): HINTs, timed as the SLTI
  // they are, matched before it.
  InsnSpec{"roi_begin", kRoiBeginEncoding, 0xFFFFFFFF, s::roi_marker<RoiMarker::Begin>, F::I, C::Alu},
  InsnSpec{"roi_end",   kRoiEndEncoding,   0xFFFFFFFF, s::roi_marker<RoiMarker::End>,   F::I, C::Alu},
  InsnSpec{"slti",  f3(op::kOpImm, 2), kF3Mask, s::op_imm<s::alu::slt>,  F::I, C::Alu},
  InsnSpec{"sltiu", f3(op::kOpImm, 3), kF3Mask, s::op_imm<s::alu::sltu>, F::I, C::Alu},
  InsnSpec{"xori",  f3(op::kOpImm, 4), kF3Mask, s::op_imm<s::alu::xor_>, F::I, C::Alu},
  InsnSpec{"ori",   f3(op::kOpImm, 6), kF3Mask, s::op_imm<s::alu::or_>,  F::I, C::Alu},
  InsnSpec{"andi",  f3(op::kOpImm, 7), kF3Mask, s::op_imm<s::alu::and_>, F::I, C::Alu},
  InsnSpec{"slli", f7(op::kOpImm, 1, 0x00), kF6Mask, s::op_imm<s::alu::sll>, F::Shift, C::Alu},
  InsnSpec{"srli", f7(op::kOpImm, 5, 0x00), kF6Mask, s::op_imm<s::alu::srl>, F::Shift, C::Alu},
  InsnSpec{"srai", f7(op::kOpImm, 5, 0x20), kF6Mask, s::op_imm<s::alu::sra>, F::Shift, C::Alu},
  InsnSpec{"add",  f7(op::kOp, 0, 0x00), kF7Mask, s::op_reg<s::alu::add>,  F::R, C::Alu},
  InsnSpec{"sub",  f7(op::kOp, 0, 0x20), kF7Mask, s::op_reg<s::alu::sub>,  F::R, C::Alu},
  InsnSpec{"sll",  f7(op::kOp, 1, 0x00), kF7Mask, s::op_reg<s::alu::sll>,  F::R, C::Alu},
  InsnSpec{"slt",  f7(op::kOp, 2, 0x00), kF7Mask, s::op_reg<s::alu::slt>,  F::R, C::Alu},
  InsnSpec{"sltu", f7(op::kOp, 3, 0x00), kF7Mask, s::op_reg<s::alu::sltu>, F::R, C::Alu},
  InsnSpec{"xor",  f7(op::kOp, 4, 0x00), kF7Mask, s::op_reg<s::alu::xor_>, F::R, C::Alu},
  InsnSpec{"srl",  f7(op::kOp, 5, 0x00), kF7Mask, s::op_reg<s::alu::srl>,  F::R, C::Alu},
  InsnSpec{"sra",  f7(op::kOp, 5, 0x20), kF7Mask, s::op_reg<s::alu::sra>,  F::R, C::Alu},
  InsnSpec{"or",   f7(op::kOp, 6, 0x00), kF7Mask, s::op_reg<s::alu::or_>,  F::R, C::Alu},
  InsnSpec{"and",  f7(op::kOp, 7, 0x00), kF7Mask, s::op_reg<s::alu::and_>, F::R, C::Alu},
  InsnSpec{"addiw", f3(op::kOpImm32, 0), kF3Mask, s::op_imm<s::alu::addw>, F::I, C::Alu},
  InsnSpec{"slliw", f7(op::kOpImm32, 1, 0x00), kF7Mask, s::op_imm<s::alu::sllw>, F::Shift, C::Alu},
  InsnSpec{"srliw", f7(op::kOpImm32, 5, 0x00), kF7Mask, s::op_imm<s::alu::srlw>, F::Shift, C::Alu},
  InsnSpec{"sraiw", f7(op::kOpImm32, 5, 0x20), kF7Mask, s::op_imm<s::alu::sraw>, F::Shift, C::Alu},
  InsnSpec{"addw", f7(op::kOp32, 0, 0x00), kF7Mask, s::op_reg<s::alu::addw>, F::R, C::Alu},
  InsnSpec{"subw", f7(op::kOp32, 0, 0x20), kF7Mask, s::op_reg<s::alu::subw>, F::R, C::Alu},
  InsnSpec{"sllw", f7(op::kOp32, 1, 0x00), kF7Mask, s::op_reg<s::alu::sllw>, F::R, C::Alu},
  InsnSpec{"srlw", f7(op::kOp32, 5, 0x00), kF7Mask, s::op_reg<s::alu::srlw>, F::R, C::Alu},
  InsnSpec{"sraw", f7(op::kOp32, 5, 0x20), kF7Mask, s::op_reg<s::alu::sraw>, F::R, C::Alu},
  // FENCE ignores fm/pred/succ/rs1/rd (§2.7); FENCE.I is Zifencei (§6).
  InsnSpec{"fence",   f3(op::kMiscMem, 0), kF3Mask, s::fence,   F::None, C::Fence},
  InsnSpec{"fence.i", f3(op::kMiscMem, 1), kF3Mask, s::fence_i, F::None, C::Fence},
  // RV64M (§13)
  InsnSpec{"mul",    f7(op::kOp, 0, 1), kF7Mask, s::op_reg<s::alu::mul>,    F::R, C::Mul},
  InsnSpec{"mulh",   f7(op::kOp, 1, 1), kF7Mask, s::op_reg<s::alu::mulh>,   F::R, C::Mul},
  InsnSpec{"mulhsu", f7(op::kOp, 2, 1), kF7Mask, s::op_reg<s::alu::mulhsu>, F::R, C::Mul},
  InsnSpec{"mulhu",  f7(op::kOp, 3, 1), kF7Mask, s::op_reg<s::alu::mulhu>,  F::R, C::Mul},
  InsnSpec{"div",    f7(op::kOp, 4, 1), kF7Mask, s::op_reg<s::alu::div>,    F::R, C::Div},
  InsnSpec{"divu",   f7(op::kOp, 5, 1), kF7Mask, s::op_reg<s::alu::divu>,   F::R, C::Div},
  InsnSpec{"rem",    f7(op::kOp, 6, 1), kF7Mask, s::op_reg<s::alu::rem>,    F::R, C::Div},
  InsnSpec{"remu",   f7(op::kOp, 7, 1), kF7Mask, s::op_reg<s::alu::remu>,   F::R, C::Div},
  InsnSpec{"mulw",   f7(op::kOp32, 0, 1), kF7Mask, s::op_reg<s::alu::mulw>,  F::R, C::Mul},
  InsnSpec{"divw",   f7(op::kOp32, 4, 1), kF7Mask, s::op_reg<s::alu::divw>,  F::R, C::Div},
  InsnSpec{"divuw",  f7(op::kOp32, 5, 1), kF7Mask, s::op_reg<s::alu::divuw>, F::R, C::Div},
  InsnSpec{"remw",   f7(op::kOp32, 6, 1), kF7Mask, s::op_reg<s::alu::remw>,  F::R, C::Div},
  InsnSpec{"remuw",  f7(op::kOp32, 7, 1), kF7Mask, s::op_reg<s::alu::remuw>, F::R, C::Div},
  // RV64A (§14): LR has rs2 = 0; aq/rl (bits 26:25) do not change semantics on one in-order hart.
  InsnSpec{"lr.w", amo(2, 0x02), kF5Mask | 0x01F00000, s::lr<std::int32_t>, F::R, C::Amo},
  InsnSpec{"sc.w", amo(2, 0x03), kF5Mask, s::sc<std::uint32_t>, F::R, C::Amo},
  InsnSpec{"amoswap.w", amo(2, 0x01), kF5Mask, s::amo<std::int32_t, s::alu::swap>, F::R, C::Amo},
  InsnSpec{"amoadd.w",  amo(2, 0x00), kF5Mask, s::amo<std::int32_t, s::alu::add>,  F::R, C::Amo},
  InsnSpec{"amoxor.w",  amo(2, 0x04), kF5Mask, s::amo<std::int32_t, s::alu::xor_>, F::R, C::Amo},
  InsnSpec{"amoand.w",  amo(2, 0x0C), kF5Mask, s::amo<std::int32_t, s::alu::and_>, F::R, C::Amo},
  InsnSpec{"amoor.w",   amo(2, 0x08), kF5Mask, s::amo<std::int32_t, s::alu::or_>,  F::R, C::Amo},
  InsnSpec{"amomin.w",  amo(2, 0x10), kF5Mask, s::amo<std::int32_t, s::alu::min>,  F::R, C::Amo},
  InsnSpec{"amomax.w",  amo(2, 0x14), kF5Mask, s::amo<std::int32_t, s::alu::max>,  F::R, C::Amo},
  InsnSpec{"amominu.w", amo(2, 0x18), kF5Mask, s::amo<std::int32_t, s::alu::minu>, F::R, C::Amo},
  InsnSpec{"amomaxu.w", amo(2, 0x1C), kF5Mask, s::amo<std::int32_t, s::alu::maxu>, F::R, C::Amo},
  InsnSpec{"lr.d", amo(3, 0x02), kF5Mask | 0x01F00000, s::lr<std::int64_t>, F::R, C::Amo},
  InsnSpec{"sc.d", amo(3, 0x03), kF5Mask, s::sc<std::uint64_t>, F::R, C::Amo},
  InsnSpec{"amoswap.d", amo(3, 0x01), kF5Mask, s::amo<std::int64_t, s::alu::swap>, F::R, C::Amo},
  InsnSpec{"amoadd.d",  amo(3, 0x00), kF5Mask, s::amo<std::int64_t, s::alu::add>,  F::R, C::Amo},
  InsnSpec{"amoxor.d",  amo(3, 0x04), kF5Mask, s::amo<std::int64_t, s::alu::xor_>, F::R, C::Amo},
  InsnSpec{"amoand.d",  amo(3, 0x0C), kF5Mask, s::amo<std::int64_t, s::alu::and_>, F::R, C::Amo},
  InsnSpec{"amoor.d",   amo(3, 0x08), kF5Mask, s::amo<std::int64_t, s::alu::or_>,  F::R, C::Amo},
  InsnSpec{"amomin.d",  amo(3, 0x10), kF5Mask, s::amo<std::int64_t, s::alu::min>,  F::R, C::Amo},
  InsnSpec{"amomax.d",  amo(3, 0x14), kF5Mask, s::amo<std::int64_t, s::alu::max>,  F::R, C::Amo},
  InsnSpec{"amominu.d", amo(3, 0x18), kF5Mask, s::amo<std::int64_t, s::alu::minu>, F::R, C::Amo},
  InsnSpec{"amomaxu.d", amo(3, 0x1C), kF5Mask, s::amo<std::int64_t, s::alu::maxu>, F::R, C::Amo},
  // RV64F and RV64D (§21, §22)
  InsnSpec{"flw", f3(op::kLoadFp, 2), kF3Mask, s::fpu::load<float>,   F::I, C::Load},
  InsnSpec{"fld", f3(op::kLoadFp, 3), kF3Mask, s::fpu::load<double>,  F::I, C::Load},
  InsnSpec{"fsw", f3(op::kStoreFp, 2), kF3Mask, s::fpu::store<float>,  F::S, C::Store},
  InsnSpec{"fsd", f3(op::kStoreFp, 3), kF3Mask, s::fpu::store<double>, F::S, C::Store},
  InsnSpec{"fmadd.s",  r4(op::kMadd, 0),  kR4Mask, s::fpu::fused<float, false, false>, F::R, C::Fp},
  InsnSpec{"fmsub.s",  r4(op::kMsub, 0),  kR4Mask, s::fpu::fused<float, false, true>,  F::R, C::Fp},
  InsnSpec{"fnmsub.s", r4(op::kNmsub, 0), kR4Mask, s::fpu::fused<float, true, false>,  F::R, C::Fp},
  InsnSpec{"fnmadd.s", r4(op::kNmadd, 0), kR4Mask, s::fpu::fused<float, true, true>,   F::R, C::Fp},
  InsnSpec{"fadd.s", fpop(0x00, 0), kFpMask, s::fpu::binary<float, fp::Op::Add>, F::R, C::Fp},
  InsnSpec{"fsub.s", fpop(0x01, 0), kFpMask, s::fpu::binary<float, fp::Op::Sub>, F::R, C::Fp},
  InsnSpec{"fmul.s", fpop(0x02, 0), kFpMask, s::fpu::binary<float, fp::Op::Mul>, F::R, C::Fp},
  InsnSpec{"fdiv.s", fpop(0x03, 0), kFpMask, s::fpu::binary<float, fp::Op::Div>, F::R, C::FpDiv},
  InsnSpec{"fsqrt.s", fpop(0x0B, 0), kFpRs2Mask, s::fpu::sqrt<float>, F::R, C::FpDiv},
  InsnSpec{"fsgnj.s",  fpop(0x04, 0, 0), kFpRmMask, s::fpu::sgnj<float, s::fpu::Sgnj::J>, F::R, C::Fp},
  InsnSpec{"fsgnjn.s", fpop(0x04, 0, 1), kFpRmMask, s::fpu::sgnj<float, s::fpu::Sgnj::N>, F::R, C::Fp},
  InsnSpec{"fsgnjx.s", fpop(0x04, 0, 2), kFpRmMask, s::fpu::sgnj<float, s::fpu::Sgnj::X>, F::R, C::Fp},
  InsnSpec{"fmin.s", fpop(0x05, 0, 0), kFpRmMask, s::fpu::minmax<float, false>, F::R, C::Fp},
  InsnSpec{"fmax.s", fpop(0x05, 0, 1), kFpRmMask, s::fpu::minmax<float, true>,  F::R, C::Fp},
  InsnSpec{"fle.s", fpop(0x14, 0, 0), kFpRmMask, s::fpu::compare<float, s::fpu::Cmp::Le>, F::R, C::Fp},
  InsnSpec{"flt.s", fpop(0x14, 0, 1), kFpRmMask, s::fpu::compare<float, s::fpu::Cmp::Lt>, F::R, C::Fp},
  InsnSpec{"feq.s", fpop(0x14, 0, 2), kFpRmMask, s::fpu::compare<float, s::fpu::Cmp::Eq>, F::R, C::Fp},
  InsnSpec{"fclass.s", fpop(0x1C, 0, 1), kFpRs2RmMask, s::fpu::fclass<float>, F::R, C::Fp},
  InsnSpec{"fcvt.w.s",  fpop(0x18, 0, 0, 0), kFpRs2Mask, s::fpu::to_int<float, std::int32_t>,  F::R, C::Fp},
  InsnSpec{"fcvt.wu.s", fpop(0x18, 0, 0, 1), kFpRs2Mask, s::fpu::to_int<float, std::uint32_t>, F::R, C::Fp},
  InsnSpec{"fcvt.l.s",  fpop(0x18, 0, 0, 2), kFpRs2Mask, s::fpu::to_int<float, std::int64_t>,  F::R, C::Fp},
  InsnSpec{"fcvt.lu.s", fpop(0x18, 0, 0, 3), kFpRs2Mask, s::fpu::to_int<float, std::uint64_t>, F::R, C::Fp},
  InsnSpec{"fcvt.s.w",  fpop(0x1A, 0, 0, 0), kFpRs2Mask, s::fpu::from_int<float, std::int32_t>,  F::R, C::Fp},
  InsnSpec{"fcvt.s.wu", fpop(0x1A, 0, 0, 1), kFpRs2Mask, s::fpu::from_int<float, std::uint32_t>, F::R, C::Fp},
  InsnSpec{"fcvt.s.l",  fpop(0x1A, 0, 0, 2), kFpRs2Mask, s::fpu::from_int<float, std::int64_t>,  F::R, C::Fp},
  InsnSpec{"fcvt.s.lu", fpop(0x1A, 0, 0, 3), kFpRs2Mask, s::fpu::from_int<float, std::uint64_t>, F::R, C::Fp},
  InsnSpec{"fmadd.d",  r4(op::kMadd, 1),  kR4Mask, s::fpu::fused<double, false, false>, F::R, C::Fp},
  InsnSpec{"fmsub.d",  r4(op::kMsub, 1),  kR4Mask, s::fpu::fused<double, false, true>,  F::R, C::Fp},
  InsnSpec{"fnmsub.d", r4(op::kNmsub, 1), kR4Mask, s::fpu::fused<double, true, false>,  F::R, C::Fp},
  InsnSpec{"fnmadd.d", r4(op::kNmadd, 1), kR4Mask, s::fpu::fused<double, true, true>,   F::R, C::Fp},
  InsnSpec{"fadd.d", fpop(0x00, 1), kFpMask, s::fpu::binary<double, fp::Op::Add>, F::R, C::Fp},
  InsnSpec{"fsub.d", fpop(0x01, 1), kFpMask, s::fpu::binary<double, fp::Op::Sub>, F::R, C::Fp},
  InsnSpec{"fmul.d", fpop(0x02, 1), kFpMask, s::fpu::binary<double, fp::Op::Mul>, F::R, C::Fp},
  InsnSpec{"fdiv.d", fpop(0x03, 1), kFpMask, s::fpu::binary<double, fp::Op::Div>, F::R, C::FpDiv},
  InsnSpec{"fsqrt.d", fpop(0x0B, 1), kFpRs2Mask, s::fpu::sqrt<double>, F::R, C::FpDiv},
  InsnSpec{"fsgnj.d",  fpop(0x04, 1, 0), kFpRmMask, s::fpu::sgnj<double, s::fpu::Sgnj::J>, F::R, C::Fp},
  InsnSpec{"fsgnjn.d", fpop(0x04, 1, 1), kFpRmMask, s::fpu::sgnj<double, s::fpu::Sgnj::N>, F::R, C::Fp},
  InsnSpec{"fsgnjx.d", fpop(0x04, 1, 2), kFpRmMask, s::fpu::sgnj<double, s::fpu::Sgnj::X>, F::R, C::Fp},
  InsnSpec{"fmin.d", fpop(0x05, 1, 0), kFpRmMask, s::fpu::minmax<double, false>, F::R, C::Fp},
  InsnSpec{"fmax.d", fpop(0x05, 1, 1), kFpRmMask, s::fpu::minmax<double, true>,  F::R, C::Fp},
  InsnSpec{"fle.d", fpop(0x14, 1, 0), kFpRmMask, s::fpu::compare<double, s::fpu::Cmp::Le>, F::R, C::Fp},
  InsnSpec{"flt.d", fpop(0x14, 1, 1), kFpRmMask, s::fpu::compare<double, s::fpu::Cmp::Lt>, F::R, C::Fp},
  InsnSpec{"feq.d", fpop(0x14, 1, 2), kFpRmMask, s::fpu::compare<double, s::fpu::Cmp::Eq>, F::R, C::Fp},
  InsnSpec{"fclass.d", fpop(0x1C, 1, 1), kFpRs2RmMask, s::fpu::fclass<double>, F::R, C::Fp},
  InsnSpec{"fcvt.w.d",  fpop(0x18, 1, 0, 0), kFpRs2Mask, s::fpu::to_int<double, std::int32_t>,  F::R, C::Fp},
  InsnSpec{"fcvt.wu.d", fpop(0x18, 1, 0, 1), kFpRs2Mask, s::fpu::to_int<double, std::uint32_t>, F::R, C::Fp},
  InsnSpec{"fcvt.l.d",  fpop(0x18, 1, 0, 2), kFpRs2Mask, s::fpu::to_int<double, std::int64_t>,  F::R, C::Fp},
  InsnSpec{"fcvt.lu.d", fpop(0x18, 1, 0, 3), kFpRs2Mask, s::fpu::to_int<double, std::uint64_t>, F::R, C::Fp},
  InsnSpec{"fcvt.d.w",  fpop(0x1A, 1, 0, 0), kFpRs2Mask, s::fpu::from_int<double, std::int32_t>,  F::R, C::Fp},
  InsnSpec{"fcvt.d.wu", fpop(0x1A, 1, 0, 1), kFpRs2Mask, s::fpu::from_int<double, std::uint32_t>, F::R, C::Fp},
  InsnSpec{"fcvt.d.l",  fpop(0x1A, 1, 0, 2), kFpRs2Mask, s::fpu::from_int<double, std::int64_t>,  F::R, C::Fp},
  InsnSpec{"fcvt.d.lu", fpop(0x1A, 1, 0, 3), kFpRs2Mask, s::fpu::from_int<double, std::uint64_t>, F::R, C::Fp},
  InsnSpec{"fcvt.s.d", fpop(0x08, 0, 0, 1), kFpRs2Mask, s::fpu::fcvt_s_d, F::R, C::Fp},
  InsnSpec{"fcvt.d.s", fpop(0x08, 1, 0, 0), kFpRs2Mask, s::fpu::fcvt_d_s, F::R, C::Fp},
  InsnSpec{"fmv.x.w", fpop(0x1C, 0, 0), kFpRs2RmMask, s::fpu::fmv_x_w, F::R, C::Fp},
  InsnSpec{"fmv.w.x", fpop(0x1E, 0, 0), kFpRs2RmMask, s::fpu::fmv_w_x, F::R, C::Fp},
  InsnSpec{"fmv.x.d", fpop(0x1C, 1, 0), kFpRs2RmMask, s::fpu::fmv_x_d, F::R, C::Fp},
  InsnSpec{"fmv.d.x", fpop(0x1E, 1, 0), kFpRs2RmMask, s::fpu::fmv_d_x, F::R, C::Fp},
  // Zicsr (§7)
  InsnSpec{"csrrw",  f3(op::kSystem, 1), kF3Mask, s::csr<CsrOp::Write>, F::Csr,    C::Csr},
  InsnSpec{"csrrs",  f3(op::kSystem, 2), kF3Mask, s::csr<CsrOp::Set>,   F::Csr,    C::Csr},
  InsnSpec{"csrrc",  f3(op::kSystem, 3), kF3Mask, s::csr<CsrOp::Clear>, F::Csr,    C::Csr},
  InsnSpec{"csrrwi", f3(op::kSystem, 5), kF3Mask, s::csr<CsrOp::Write>, F::CsrImm, C::Csr},
  InsnSpec{"csrrsi", f3(op::kSystem, 6), kF3Mask, s::csr<CsrOp::Set>,   F::CsrImm, C::Csr},
  InsnSpec{"csrrci", f3(op::kSystem, 7), kF3Mask, s::csr<CsrOp::Clear>, F::CsrImm, C::Csr},
  // Privileged instructions (priv spec §3.3, §12.2.1)
  InsnSpec{"ecall",  0x00000073, kExact, s::ecall,  F::None, C::System},
  InsnSpec{"ebreak", 0x00100073, kExact, s::ebreak, F::None, C::System},
  InsnSpec{"sret",   0x10200073, kExact, s::sret,   F::None, C::System},
  InsnSpec{"mret",   0x30200073, kExact, s::mret,   F::None, C::System},
  InsnSpec{"wfi",    0x10500073, kExact, s::wfi,    F::None, C::System},
  InsnSpec{"sfence.vma", 0x12000073, 0xFE007FFF, s::sfence_vma, F::R, C::System},
};
// clang-format on

}  // namespace

std::span<const InsnSpec> decode_table() { return kTable; }

}  // namespace memvp
