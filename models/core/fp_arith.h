// IEEE 754 arithmetic for the F and D extensions (unprivileged spec §21-22) on the host's
// floating point: each operation runs under the instruction's rounding mode with the host's
// exception flags cleared before and read after, so results and fflags are exact per operation.
// Values travel as raw bits (a single in the low 32); NaN results come back as-is (callers make them canonical).
#pragma once

#include <cstdint>

namespace memvp::fp {

// fflags bits (§21.2, Table 22).
enum : unsigned { kNX = 1, kUF = 2, kOF = 4, kDZ = 8, kNV = 16 };
// Rounding modes of the rm field and frm (§21.2, Table 21).
enum Rm : unsigned { kRNE = 0, kRTZ = 1, kRDN = 2, kRUP = 3, kRMM = 4, kDyn = 7 };

struct Result {
  std::uint64_t bits;
  unsigned flags;
};

enum class Op { Add, Sub, Mul, Div };

// T is float or double.
template <class T> Result binary(Op op, std::uint64_t a, std::uint64_t b, unsigned rm);
template <class T> Result sqrt(std::uint64_t a, unsigned rm);
// a*b + c with one rounding; the F/D fused forms negate a and/or c (§21.6).
template <class T> Result fma(std::uint64_t a, std::uint64_t b, std::uint64_t c, unsigned rm);
// float <-> double (FCVT.S.D, FCVT.D.S).
Result narrow(std::uint64_t d, unsigned rm);
Result widen(std::uint64_t s);
// Integer -> T: I is int32_t, uint32_t, int64_t or uint64_t (FCVT.S/D.W/WU/L/LU).
template <class T, class I> Result from_int(std::uint64_t x, unsigned rm);
// T -> integer with §21.7's saturation (Table 23); bits are the result sign-extended to 64.
template <class T, class I> Result to_int(std::uint64_t a, unsigned rm);

}  // namespace memvp::fp
