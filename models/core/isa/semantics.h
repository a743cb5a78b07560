// Instruction semantics as plain functions, one per instruction or per instruction class
// (STYLE rule 8). ALU operations are constexpr functions composed into register-register and
// register-immediate forms; loads, stores and AMOs are templates over the access width.
#pragma once

#include <cstdint>

#include "core/execution_engine.h"

namespace memvp::isa {

using u64 = std::uint64_t;
using i64 = std::int64_t;

constexpr u64 sext32(u64 v) { return static_cast<u64>(static_cast<i64>(static_cast<std::int32_t>(v))); }

// ALU operations (unprivileged spec §2.4, §4.2, §13).
namespace alu {
constexpr u64 add(u64 a, u64 b) { return a + b; }
constexpr u64 sub(u64 a, u64 b) { return a - b; }
constexpr u64 sll(u64 a, u64 b) { return a << (b & 63); }
constexpr u64 srl(u64 a, u64 b) { return a >> (b & 63); }
constexpr u64 sra(u64 a, u64 b) { return static_cast<u64>(static_cast<i64>(a) >> (b & 63)); }
constexpr u64 slt(u64 a, u64 b) { return static_cast<i64>(a) < static_cast<i64>(b); }
constexpr u64 sltu(u64 a, u64 b) { return a < b; }
constexpr u64 xor_(u64 a, u64 b) { return a ^ b; }
constexpr u64 or_(u64 a, u64 b) { return a | b; }
constexpr u64 and_(u64 a, u64 b) { return a & b; }
// *W forms operate on the low 32 bits and sign-extend the 32-bit result (§4.2).
constexpr u64 addw(u64 a, u64 b) { return sext32(a + b); }
constexpr u64 subw(u64 a, u64 b) { return sext32(a - b); }
constexpr u64 sllw(u64 a, u64 b) { return sext32(static_cast<std::uint32_t>(a) << (b & 31)); }
constexpr u64 srlw(u64 a, u64 b) { return sext32(static_cast<std::uint32_t>(a) >> (b & 31)); }
constexpr u64 sraw(u64 a, u64 b) { return sext32(static_cast<u64>(static_cast<std::int32_t>(a) >> (b & 31))); }
// M extension; division by zero and overflow follow the table in §13.2 (no trap).
constexpr u64 mul(u64 a, u64 b) { return a * b; }
constexpr u64 mulh(u64 a, u64 b) {
  return static_cast<u64>((static_cast<__int128>(static_cast<i64>(a)) * static_cast<i64>(b)) >> 64);
}
constexpr u64 mulhsu(u64 a, u64 b) {
  return static_cast<u64>((static_cast<__int128>(static_cast<i64>(a)) * static_cast<__int128>(b)) >> 64);
}
constexpr u64 mulhu(u64 a, u64 b) { return static_cast<u64>((static_cast<unsigned __int128>(a) * b) >> 64); }
constexpr u64 div(u64 a, u64 b) {
  if (b == 0) return ~0ULL;
  if (static_cast<i64>(a) == INT64_MIN && static_cast<i64>(b) == -1) return a;
  return static_cast<u64>(static_cast<i64>(a) / static_cast<i64>(b));
}
constexpr u64 divu(u64 a, u64 b) { return b == 0 ? ~0ULL : a / b; }
constexpr u64 rem(u64 a, u64 b) {
  if (b == 0) return a;
  if (static_cast<i64>(a) == INT64_MIN && static_cast<i64>(b) == -1) return 0;
  return static_cast<u64>(static_cast<i64>(a) % static_cast<i64>(b));
}
constexpr u64 remu(u64 a, u64 b) { return b == 0 ? a : a % b; }
constexpr u64 mulw(u64 a, u64 b) { return sext32(a * b); }
constexpr u64 divw(u64 a, u64 b) { return sext32(div(sext32(a), sext32(b))); }
constexpr u64 divuw(u64 a, u64 b) { return sext32(divu(static_cast<std::uint32_t>(a), static_cast<std::uint32_t>(b))); }
constexpr u64 remw(u64 a, u64 b) { return sext32(rem(sext32(a), sext32(b))); }
constexpr u64 remuw(u64 a, u64 b) { return sext32(remu(static_cast<std::uint32_t>(a), static_cast<std::uint32_t>(b))); }
// AMO combiners (§14.4): operands are the sign-extended memory value and rs2.
constexpr u64 swap(u64, u64 b) { return b; }
constexpr u64 min(u64 a, u64 b) { return static_cast<i64>(a) < static_cast<i64>(b) ? a : b; }
constexpr u64 max(u64 a, u64 b) { return static_cast<i64>(a) > static_cast<i64>(b) ? a : b; }
constexpr u64 minu(u64 a, u64 b) { return a < b ? a : b; }
constexpr u64 maxu(u64 a, u64 b) { return a > b ? a : b; }
}  // namespace alu

namespace cond {
constexpr bool eq(u64 a, u64 b) { return a == b; }
constexpr bool ne(u64 a, u64 b) { return a != b; }
constexpr bool lt(u64 a, u64 b) { return static_cast<i64>(a) < static_cast<i64>(b); }
constexpr bool ge(u64 a, u64 b) { return static_cast<i64>(a) >= static_cast<i64>(b); }
constexpr bool ltu(u64 a, u64 b) { return a < b; }
constexpr bool geu(u64 a, u64 b) { return a >= b; }
}  // namespace cond

using AluFn = u64 (*)(u64, u64);
using CondFn = bool (*)(u64, u64);

template <AluFn Op>
void op_reg(ExecutionEngine& h, const Decoded& d) { h.set_x(d.rd, Op(h.x(d.rs1), h.x(d.rs2))); }

template <AluFn Op>
void op_imm(ExecutionEngine& h, const Decoded& d) { h.set_x(d.rd, Op(h.x(d.rs1), static_cast<u64>(d.imm))); }

inline void lui(ExecutionEngine& h, const Decoded& d) { h.set_x(d.rd, static_cast<u64>(d.imm)); }
inline void auipc(ExecutionEngine& h, const Decoded& d) { h.set_x(d.rd, h.pc() + static_cast<u64>(d.imm)); }

// JAL/JALR write pc + length to rd (§2.5); JALR clears bit 0 of the target.
inline void jal(ExecutionEngine& h, const Decoded& d) { h.jump(d, h.pc() + static_cast<u64>(d.imm)); }
inline void jalr(ExecutionEngine& h, const Decoded& d) { h.jump(d, (h.x(d.rs1) + static_cast<u64>(d.imm)) & ~1ULL); }

template <CondFn Cond>
void branch(ExecutionEngine& h, const Decoded& d) { h.branch(d, Cond(h.x(d.rs1), h.x(d.rs2))); }

// A load's or store's address: rs1 plus the sign-extended 12-bit offset (§2.6).
inline VirtAddr effective_address(const ExecutionEngine& h, const Decoded& d) {
  return VirtAddr(h.x(d.rs1) + static_cast<u64>(d.imm));
}

// Loads sign- or zero-extend by the signedness of T (§2.6).
template <class T>
void load(ExecutionEngine& h, const Decoded& d) {
  h.set_x(d.rd, static_cast<u64>(static_cast<i64>(h.load<T>(effective_address(h, d)))));
}
template <>
inline void load<std::uint8_t>(ExecutionEngine& h, const Decoded& d) {
  h.set_x(d.rd, h.load<std::uint8_t>(effective_address(h, d)));
}
template <>
inline void load<std::uint16_t>(ExecutionEngine& h, const Decoded& d) {
  h.set_x(d.rd, h.load<std::uint16_t>(effective_address(h, d)));
}
template <>
inline void load<std::uint32_t>(ExecutionEngine& h, const Decoded& d) {
  h.set_x(d.rd, h.load<std::uint32_t>(effective_address(h, d)));
}

template <class T>
void store(ExecutionEngine& h, const Decoded& d) {
  h.store<T>(effective_address(h, d), static_cast<T>(h.x(d.rs2)));
}

// A extension (§14.2-14.4). T is the signed memory type; results are sign-extended.
template <class T>
void lr(ExecutionEngine& h, const Decoded& d) {
  h.set_x(d.rd, static_cast<u64>(static_cast<i64>(h.load_reserved<T>(VirtAddr(h.x(d.rs1))))));
}

// SC writes 0 to rd on success and 1 on failure (§14.2).
template <class T>
void sc(ExecutionEngine& h, const Decoded& d) {
  h.set_x(d.rd, h.store_conditional<T>(VirtAddr(h.x(d.rs1)), static_cast<T>(h.x(d.rs2))) ? 0 : 1);
}

template <class T, AluFn Op>
void amo(ExecutionEngine& h, const Decoded& d) {
  const u64 rs2 = static_cast<u64>(static_cast<i64>(static_cast<T>(h.x(d.rs2))));
  const T old = h.read_modify_write<T>(VirtAddr(h.x(d.rs1)), [rs2](T mem) {
    return static_cast<T>(Op(static_cast<u64>(static_cast<i64>(mem)), rs2));
  });
  h.set_x(d.rd, static_cast<u64>(static_cast<i64>(old)));
}

// Zicsr (§7.1). Which accesses read and write follows §7.1's table of when a CSR instruction
// reads or writes the CSR.

template <CsrOp Op>
void csr(ExecutionEngine& h, const Decoded& d) {
  const bool imm = d.spec->format == Format::CsrImm;
  const u64 operand = imm ? d.rs1 : h.x(d.rs1);
  const bool writes = Op == CsrOp::Write || d.rs1 != 0;
  h.set_x(d.rd, h.csr_access(d, static_cast<unsigned>(d.imm), operand, Op, writes));
}

// FENCE orders memory for other harts; this in-order hart performs accesses in program order
// and memory is coherent, so it needs no action.
inline void fence(ExecutionEngine&, const Decoded&) {}
// FENCE.I makes earlier stores visible to later fetches: the fetch buffer is dropped (the
// decode cache checks the fetched bits on every fetch, so it needs no flush).
inline void fence_i(ExecutionEngine& h, const Decoded&) { h.fence_i(); }
// A HINT (SLTI with rd = x0): no architectural effect; the run's controller hears of it.
template <RoiMarker M>
void roi_marker(ExecutionEngine& h, const Decoded&) { h.roi_marker(M); }

inline void ecall(ExecutionEngine& h, const Decoded&) { h.ecall(); }
// EBREAK: breakpoint exception with tval = the instruction's address (priv spec §3.1.16).
inline void ebreak(ExecutionEngine& h, const Decoded&) { h.raise(rv::Exception::Breakpoint, h.pc()); }
inline void mret(ExecutionEngine& h, const Decoded& d) { h.mret(d); }
inline void sret(ExecutionEngine& h, const Decoded& d) { h.sret(d); }
inline void wfi(ExecutionEngine& h, const Decoded& d) { h.wfi(d); }
inline void sfence_vma(ExecutionEngine& h, const Decoded& d) { h.sfence_vma(d); }
inline void illegal(ExecutionEngine& h, const Decoded& d) { h.illegal(d); }

}  // namespace memvp::isa
