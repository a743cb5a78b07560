// F and D instruction semantics (unprivileged spec §21 "F", §22 "D"): NaN boxing of singles in
// the 64-bit f registers (§22.2), the canonical NaN, sign injection, min/max, compares and
// classify in software; arithmetic and conversions through fp_arith.h under the resolved rm.
#pragma once

#include <bit>
#include <cstdint>

#include "core/execution_engine.h"
#include "core/fp_arith.h"

namespace memvp::isa::fpu {

using u64 = std::uint64_t;

template <class T> struct Fmt;
template <> struct Fmt<float> {
  static constexpr unsigned kBits = 32;
  static constexpr u64 kSign = 1ULL << 31, kExp = 0x7F800000, kQuiet = 1ULL << 22, kCanonicalNaN = 0x7FC00000;
};
template <> struct Fmt<double> {
  static constexpr unsigned kBits = 64;
  static constexpr u64 kSign = 1ULL << 63, kExp = 0x7FF0000000000000, kQuiet = 1ULL << 51,
                       kCanonicalNaN = 0x7FF8000000000000;
};
template <class T> constexpr u64 kMask = Fmt<T>::kBits == 64 ? ~0ULL : 0xFFFFFFFF;

// A single read from an f register must be NaN-boxed (upper 32 bits all ones); otherwise it
// reads as the canonical NaN (§22.2).
template <class T> u64 read(const ExecutionEngine& h, unsigned r) {
  const u64 v = h.f(r);
  if constexpr (Fmt<T>::kBits == 32) return (v >> 32) == 0xFFFFFFFF ? (v & 0xFFFFFFFF) : Fmt<T>::kCanonicalNaN;
  return v;
}
// Writing a single boxes it (§22.2).
template <class T> void write(ExecutionEngine& h, unsigned r, u64 v) {
  h.set_f(r, Fmt<T>::kBits == 32 ? (v | 0xFFFFFFFF00000000ULL) : v);
}

template <class T> constexpr u64 kFrac = (Fmt<T>::kSign - 1) & ~Fmt<T>::kExp;

template <class T> constexpr bool is_nan(u64 v) {
  return (v & Fmt<T>::kExp) == Fmt<T>::kExp && (v & kFrac<T>) != 0;
}
template <class T> constexpr bool is_snan(u64 v) { return is_nan<T>(v) && !(v & Fmt<T>::kQuiet); }
// Arithmetic results that are NaN are the canonical NaN (§21.3).
template <class T> constexpr u64 canonical(u64 v) { return is_nan<T>(v) ? Fmt<T>::kCanonicalNaN : v; }

// Every F/D instruction traps while mstatus.FS is Off (priv spec §3.1.6.6); rm 5 and 6, and
// dynamic rm with an invalid frm, are illegal (§21.2).
inline unsigned rounding(ExecutionEngine& h, const Decoded& d) {
  unsigned rm = (d.raw >> 12) & 7;
  if (rm == fp::kDyn) rm = h.frm();
  if (rm > fp::kRMM) h.illegal(d);
  return rm;
}

template <class T> void finish(ExecutionEngine& h, const Decoded& d, fp::Result r) {
  h.accrue_fflags(r.flags);
  write<T>(h, d.rd, canonical<T>(r.bits & kMask<T>));
}

// Loads and stores (§21.5, §22.3): FLW boxes; FSW stores the low 32 bits unchanged.
template <class T> void load(ExecutionEngine& h, const Decoded& d) {
  h.require_fp(d);
  using M = std::conditional_t<Fmt<T>::kBits == 32, std::uint32_t, std::uint64_t>;
  const M v = h.load<M>(VirtAddr(h.x(d.rs1) + static_cast<u64>(d.imm)));
  write<T>(h, d.rd, v);
}
template <class T> void store(ExecutionEngine& h, const Decoded& d) {
  h.require_fp(d);
  using M = std::conditional_t<Fmt<T>::kBits == 32, std::uint32_t, std::uint64_t>;
  h.store<M>(VirtAddr(h.x(d.rs1) + static_cast<u64>(d.imm)), static_cast<M>(h.f(d.rs2)));
}

template <class T, fp::Op O> void binary(ExecutionEngine& h, const Decoded& d) {
  h.require_fp(d);
  const unsigned rm = rounding(h, d);
  finish<T>(h, d, fp::binary<T>(O, read<T>(h, d.rs1), read<T>(h, d.rs2), rm));
}
template <class T> void sqrt(ExecutionEngine& h, const Decoded& d) {
  h.require_fp(d);
  const unsigned rm = rounding(h, d);
  finish<T>(h, d, fp::sqrt<T>(read<T>(h, d.rs1), rm));
}
// FMADD a*b+c, FMSUB a*b-c, FNMSUB -(a*b)+c, FNMADD -(a*b)-c (§21.6): negating a product
// operand or the addend is exact, so one fused operation gives each.
template <class T, bool kNegProduct, bool kNegAddend> void fused(ExecutionEngine& h, const Decoded& d) {
  h.require_fp(d);
  const unsigned rm = rounding(h, d);
  const u64 a = read<T>(h, d.rs1) ^ (kNegProduct ? Fmt<T>::kSign : 0);
  const u64 c = read<T>(h, d.rs3) ^ (kNegAddend ? Fmt<T>::kSign : 0);
  finish<T>(h, d, fp::fma<T>(a, read<T>(h, d.rs2), c, rm));
}

// FSGNJ/FSGNJN/FSGNJX (§21.6): bit operations, no flags, no canonicalisation.
enum class Sgnj { J, N, X };
template <class T, Sgnj K> void sgnj(ExecutionEngine& h, const Decoded& d) {
  h.require_fp(d);
  const u64 a = read<T>(h, d.rs1), b = read<T>(h, d.rs2), s = Fmt<T>::kSign;
  const u64 sign = K == Sgnj::J ? (b & s) : K == Sgnj::N ? (~b & s) : ((a ^ b) & s);
  write<T>(h, d.rd, (a & ~s) | sign);
}

// Ordering of two non-NaN values with -0 < +0, as FMIN/FMAX need (§21.6).
template <class T> bool less(u64 a, u64 b) {
  const bool na = a & Fmt<T>::kSign, nb = b & Fmt<T>::kSign;
  if (na != nb) return na;
  return na ? (a & kMask<T>) > (b & kMask<T>) : (a & kMask<T>) < (b & kMask<T>);
}
// FMIN/FMAX (§21.6, 2019 semantics): a NaN operand yields the other; both NaN give the
// canonical NaN; a signalling NaN raises NV.
template <class T, bool kMax> void minmax(ExecutionEngine& h, const Decoded& d) {
  h.require_fp(d);
  const u64 a = read<T>(h, d.rs1), b = read<T>(h, d.rs2);
  if (is_snan<T>(a) || is_snan<T>(b)) h.accrue_fflags(fp::kNV);
  u64 r;
  if (is_nan<T>(a) && is_nan<T>(b)) r = Fmt<T>::kCanonicalNaN;
  else if (is_nan<T>(a)) r = b;
  else if (is_nan<T>(b)) r = a;
  else r = (less<T>(a, b) != kMax) ? a : b;
  write<T>(h, d.rd, r);
}

// FEQ is a quiet compare (NV on signalling NaNs only); FLT/FLE signal on any NaN (§21.8).
enum class Cmp { Eq, Lt, Le };
template <class T, Cmp K> void compare(ExecutionEngine& h, const Decoded& d) {
  h.require_fp(d);
  const u64 a = read<T>(h, d.rs1), b = read<T>(h, d.rs2);
  if (is_nan<T>(a) || is_nan<T>(b)) {
    if (K != Cmp::Eq || is_snan<T>(a) || is_snan<T>(b)) h.accrue_fflags(fp::kNV);
    h.set_x(d.rd, 0);
    return;
  }
  const u64 m = kMask<T> & ~Fmt<T>::kSign;
  const bool zeros = (a & m) == 0 && (b & m) == 0;  // -0 == +0
  const bool eq = zeros || a == b;
  const bool lt = !zeros && less<T>(a, b);
  h.set_x(d.rd, K == Cmp::Eq ? eq : K == Cmp::Lt ? lt : (lt || eq));
}

// FCLASS (§21.9, Table 24): one bit set per class.
template <class T> void fclass(ExecutionEngine& h, const Decoded& d) {
  h.require_fp(d);
  const u64 v = read<T>(h, d.rs1);
  const bool neg = v & Fmt<T>::kSign;
  const u64 exp = v & Fmt<T>::kExp, frac = v & kFrac<T>;
  unsigned bit;
  if (exp == Fmt<T>::kExp) bit = frac == 0 ? (neg ? 0 : 7) : (frac & Fmt<T>::kQuiet) ? 9 : 8;
  else if (exp == 0) bit = frac == 0 ? (neg ? 3 : 4) : (neg ? 2 : 5);
  else bit = neg ? 1 : 6;
  h.set_x(d.rd, 1ULL << bit);
}

// FCVT between integers and T (§21.7, §22.4).
template <class T, class I> void to_int(ExecutionEngine& h, const Decoded& d) {
  h.require_fp(d);
  const unsigned rm = rounding(h, d);
  const fp::Result r = fp::to_int<T, I>(read<T>(h, d.rs1), rm);
  h.accrue_fflags(r.flags);
  h.set_x(d.rd, r.bits);
}
template <class T, class I> void from_int(ExecutionEngine& h, const Decoded& d) {
  h.require_fp(d);
  const unsigned rm = rounding(h, d);
  finish<T>(h, d, fp::from_int<T, I>(h.x(d.rs1), rm));
}
// FCVT.S.D rounds; FCVT.D.S is exact (§22.4).
inline void fcvt_s_d(ExecutionEngine& h, const Decoded& d) {
  h.require_fp(d);
  const unsigned rm = rounding(h, d);
  finish<float>(h, d, fp::narrow(read<double>(h, d.rs1), rm));
}
inline void fcvt_d_s(ExecutionEngine& h, const Decoded& d) {
  h.require_fp(d);
  rounding(h, d);
  finish<double>(h, d, fp::widen(read<float>(h, d.rs1)));
}

// FMV.X.W sign-extends the low 32 bits as they are; FMV.W.X boxes (§21.7); the D forms move
// all 64 bits (§22.4).
inline void fmv_x_w(ExecutionEngine& h, const Decoded& d) {
  h.require_fp(d);
  h.set_x(d.rd, static_cast<u64>(static_cast<std::int64_t>(static_cast<std::int32_t>(h.f(d.rs1)))));
}
inline void fmv_w_x(ExecutionEngine& h, const Decoded& d) {
  h.require_fp(d);
  write<float>(h, d.rd, h.x(d.rs1) & 0xFFFFFFFF);
}
inline void fmv_x_d(ExecutionEngine& h, const Decoded& d) {
  h.require_fp(d);
  h.set_x(d.rd, h.f(d.rs1));
}
inline void fmv_d_x(ExecutionEngine& h, const Decoded& d) {
  h.require_fp(d);
  h.set_f(d.rd, h.x(d.rs1));
}

}  // namespace memvp::isa::fpu
