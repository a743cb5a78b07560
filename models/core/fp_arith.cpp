// Host floating point under the guest's rounding mode (fp_arith.h). This file is compiled with
// -frounding-math and -ffp-contract=off, and operands pass through volatile objects, so the
// compiler neither folds nor moves an operation across fesetround/fetestexcept.
// RMM (ties away) has no host rounding mode: operations run in RNE for it (docs/core.md).
#include "core/fp_arith.h"

#include <bit>
#include <cfenv>
#include <cmath>
#include <limits>
#include <type_traits>

namespace memvp::fp {
namespace {

template <class T> using Bits = std::conditional_t<sizeof(T) == 4, std::uint32_t, std::uint64_t>;

template <class T> T from_bits(std::uint64_t v) { return std::bit_cast<T>(static_cast<Bits<T>>(v)); }
template <class T> std::uint64_t to_bits(T v) { return std::bit_cast<Bits<T>>(v); }

int host_mode(unsigned rm) {
  switch (rm) {
    case kRTZ: return FE_TOWARDZERO;
    case kRDN: return FE_DOWNWARD;
    case kRUP: return FE_UPWARD;
    default: return FE_TONEAREST;
  }
}

// Runs `f` under rounding mode `rm` and returns its bits with the flags it raised.
template <class F> Result under(unsigned rm, F f) {
  std::fesetround(host_mode(rm));
  std::feclearexcept(FE_ALL_EXCEPT);
  const std::uint64_t bits = f();
  const int e = std::fetestexcept(FE_ALL_EXCEPT);
  std::fesetround(FE_TONEAREST);
  unsigned flags = 0;
  if (e & FE_INEXACT) flags |= kNX;
  if (e & FE_UNDERFLOW) flags |= kUF;
  if (e & FE_OVERFLOW) flags |= kOF;
  if (e & FE_DIVBYZERO) flags |= kDZ;
  if (e & FE_INVALID) flags |= kNV;
  return {bits, flags};
}

// A format wide enough to hold a T midpoint (T's precision + 1 bits) exactly: double for
// float, x87 extended (64-bit significand) for double.
template <class T> using Wide = std::conditional_t<sizeof(T) == 4, double, long double>;

// RMM from the directed results (§21.2): when RTZ is exact, every mode gives it; when RNE rounds
// away from zero, RMM does too; otherwise RMM differs from RNE only on an exact tie, i.e. when the
// operation computed in Wide<T> (where a T midpoint is representable) is exact and equals the
// midpoint between the RTZ result and its neighbour away from zero.
template <class T, class F, class G> Result rmm(F op, G wide_op) {
  const Result tz = under(kRTZ, op);
  if (!(tz.flags & kNX)) return tz;
  const Result ne = under(kRNE, op);
  if (ne.bits != tz.bits) return ne;
  std::feclearexcept(FE_ALL_EXCEPT);
  volatile Wide<T> w = wide_op();
  const bool exact = !std::fetestexcept(FE_INEXACT);
  const T t = from_bits<T>(tz.bits);
  const T away = std::nextafter(t, std::copysign(std::numeric_limits<T>::infinity(), t));
  const Wide<T> wt = t;
  const Wide<T> half_ulp = std::isinf(away) ? (wt - static_cast<Wide<T>>(std::nextafter(t, T(0)))) / 2
                                            : (static_cast<Wide<T>>(away) - wt) / 2;
  if (!exact || w != wt + half_ulp) return ne;
  return {to_bits<T>(away), kNX | (std::isinf(away) ? kOF : 0u) | (ne.flags & kUF)};
}

// Runs `op` (T) under rm, through rmm() with `wide_op` for RMM.
template <class T, class F, class G> Result rounded(unsigned rm, F op, G wide_op) {
  return rm == kRMM ? rmm<T>(op, wide_op) : under(rm, op);
}

}  // namespace

template <class V> V apply(Op op, V x, V y) {
  switch (op) {
    case Op::Add: return x + y;
    case Op::Sub: return x - y;
    case Op::Mul: return x * y;
    case Op::Div: return x / y;
  }
  return x;
}

template <class T> Result binary(Op op, std::uint64_t a, std::uint64_t b, unsigned rm) {
  const T x = from_bits<T>(a), y = from_bits<T>(b);
  return rounded<T>(
      rm,
      [&] {
        volatile T vx = x, vy = y;
        volatile T r = apply<T>(op, vx, vy);
        return to_bits<T>(r);
      },
      [&] {
        volatile Wide<T> vx = x, vy = y;
        return apply<Wide<T>>(op, vx, vy);
      });
}

template <class T> Result sqrt(std::uint64_t a, unsigned rm) {
  const T x = from_bits<T>(a);
  return rounded<T>(
      rm,
      [&] {
        volatile T v = x;
        volatile T r = std::sqrt(static_cast<T>(v));
        return to_bits<T>(r);
      },
      [&] {
        volatile Wide<T> v = x;
        return std::sqrt(static_cast<Wide<T>>(v));
      });
}

template <class T> Result fma(std::uint64_t a, std::uint64_t b, std::uint64_t c, unsigned rm) {
  const T x = from_bits<T>(a), y = from_bits<T>(b), z = from_bits<T>(c);
  // §21.6: infinity times zero is invalid even when the addend is a quiet NaN, which the
  // host's fma does not signal.
  const bool inf_times_zero = (std::isinf(x) && y == 0) || (x == 0 && std::isinf(y));
  Result r = rounded<T>(
      rm,
      [&] {
        volatile T vx = x, vy = y, vz = z;
        volatile T r = std::fma(static_cast<T>(vx), static_cast<T>(vy), static_cast<T>(vz));
        return to_bits<T>(r);
      },
      [&] {
        volatile Wide<T> vx = x, vy = y, vz = z;
        return std::fma(static_cast<Wide<T>>(vx), static_cast<Wide<T>>(vy), static_cast<Wide<T>>(vz));
      });
  if (inf_times_zero) r.flags |= kNV;
  return r;
}

Result narrow(std::uint64_t d, unsigned rm) {
  const double x = from_bits<double>(d);
  return rounded<float>(
      rm,
      [&] {
        volatile double v = x;
        volatile float r = static_cast<float>(v);
        return to_bits<float>(r);
      },
      [&] { return x; });
}

Result widen(std::uint64_t s) {
  return under(kRNE, [&] {
    volatile float x = from_bits<float>(s);
    volatile double r = x;
    return to_bits<double>(r);
  });
}

template <class T, class I> Result from_int(std::uint64_t x, unsigned rm) {
  return rounded<T>(
      rm,
      [&] {
        volatile I v = static_cast<I>(x);
        volatile T r = static_cast<T>(v);
        return to_bits<T>(r);
      },
      [&] {
        volatile I v = static_cast<I>(x);
        return static_cast<Wide<T>>(v);  // a T midpoint converts exactly, so a tie is seen
      });
}

// §21.7 Table 23: NaN and too-large values give the largest integer, too-small ones the
// smallest, with NV and no NX; in-range values are rounded by rm (NX when inexact).
template <class T, class I> Result to_int(std::uint64_t a, unsigned rm) {
  using L = std::numeric_limits<I>;
  const double x = from_bits<T>(a);  // exact for float and double
  // W and WU results are sign-extended from 32 bits (§21.7), as are all 32-bit results on RV64.
  const auto ext = [](I v) { return static_cast<std::uint64_t>(static_cast<std::int64_t>(static_cast<std::make_signed_t<I>>(v))); };
  if (std::isnan(x)) return {ext(L::max()), kNV};
  double r;
  unsigned flags = 0;
  if (rm == kRMM) {
    r = std::round(x);  // ties away from zero
    if (r != x) flags = kNX;
  } else {
    const Result rounded = under(rm, [&] {
      volatile double v = x;
      volatile double n = std::nearbyint(static_cast<double>(v));
      return to_bits<double>(n);
    });
    r = from_bits<double>(rounded.bits);
    if (r != x) flags = kNX;
  }
  // L::max() + 1 is a power of two, exact in double.
  const double limit = std::ldexp(1.0, L::digits);
  if (r >= limit) return {ext(L::max()), kNV};
  if (r < static_cast<double>(L::min())) return {ext(L::min()), kNV};
  if constexpr (L::is_signed) return {ext(static_cast<I>(r)), flags};
  else return {ext(static_cast<I>(static_cast<std::uint64_t>(r))), flags};
}

template Result binary<float>(Op, std::uint64_t, std::uint64_t, unsigned);
template Result binary<double>(Op, std::uint64_t, std::uint64_t, unsigned);
template Result sqrt<float>(std::uint64_t, unsigned);
template Result sqrt<double>(std::uint64_t, unsigned);
template Result fma<float>(std::uint64_t, std::uint64_t, std::uint64_t, unsigned);
template Result fma<double>(std::uint64_t, std::uint64_t, std::uint64_t, unsigned);
#define MEMVP_FP_INT(T)                                  \
  template Result from_int<T, std::int32_t>(std::uint64_t, unsigned);  \
  template Result from_int<T, std::uint32_t>(std::uint64_t, unsigned); \
  template Result from_int<T, std::int64_t>(std::uint64_t, unsigned);  \
  template Result from_int<T, std::uint64_t>(std::uint64_t, unsigned); \
  template Result to_int<T, std::int32_t>(std::uint64_t, unsigned);    \
  template Result to_int<T, std::uint32_t>(std::uint64_t, unsigned);   \
  template Result to_int<T, std::int64_t>(std::uint64_t, unsigned);    \
  template Result to_int<T, std::uint64_t>(std::uint64_t, unsigned);
MEMVP_FP_INT(float)
MEMVP_FP_INT(double)
#undef MEMVP_FP_INT

}  // namespace memvp::fp
