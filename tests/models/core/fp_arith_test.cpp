// The host floating-point helpers (models/core/fp_arith.h): results and fflags per rounding
// mode, and fcvt's saturation table (unprivileged spec §21.7, Table 23).
#include <bit>
#include <cstdint>
#include <limits>

#include <gtest/gtest.h>

#include "core/fp_arith.h"

namespace memvp::fp {
namespace {

std::uint64_t s(float v) { return std::bit_cast<std::uint32_t>(v); }
std::uint64_t d(double v) { return std::bit_cast<std::uint64_t>(v); }
// Named instances: template argument lists would split the test macros' arguments.
constexpr auto to_int_FW = to_int<float, std::int32_t>;
constexpr auto to_int_FWU = to_int<float, std::uint32_t>;
constexpr auto to_int_DL = to_int<double, std::int64_t>;
constexpr auto to_int_DLU = to_int<double, std::uint64_t>;
constexpr auto from_int_FW = from_int<float, std::int32_t>;
constexpr auto from_int_DLU = from_int<double, std::uint64_t>;

TEST(FpArith, RoundingModesOfOneThird) {
  const Result rne = binary<float>(Op::Div, s(1), s(3), kRNE);
  const Result rtz = binary<float>(Op::Div, s(1), s(3), kRTZ);
  const Result rup = binary<float>(Op::Div, s(1), s(3), kRUP);
  EXPECT_EQ(rne.bits, 0x3EAAAAABu);
  EXPECT_EQ(rtz.bits, 0x3EAAAAAAu);
  EXPECT_EQ(rup.bits, 0x3EAAAAABu);
  EXPECT_EQ(binary<float>(Op::Div, s(-1), s(3), kRDN).bits, 0xBEAAAAABu);
  EXPECT_EQ(rne.flags, kNX);
}

TEST(FpArith, ExceptionFlags) {
  EXPECT_EQ(binary<double>(Op::Div, d(1), d(0), kRNE).flags, kDZ);
  EXPECT_EQ(binary<double>(Op::Div, d(0), d(0), kRNE).flags, kNV);
  EXPECT_EQ(binary<double>(Op::Mul, d(1e308), d(10), kRNE).flags, kOF | kNX);
  EXPECT_EQ(binary<double>(Op::Mul, d(1e308), d(10), kRTZ).bits, d(std::numeric_limits<double>::max()));
  EXPECT_EQ(binary<double>(Op::Mul, d(1e-308), d(1e-10), kRNE).flags, kUF | kNX);
  EXPECT_EQ(binary<double>(Op::Add, d(1), d(2), kRNE).flags, 0u);
  EXPECT_EQ(sqrt<float>(s(-1), kRNE).flags, kNV);
  // §21.6: infinity times zero is invalid even with a quiet NaN addend.
  EXPECT_EQ(fma<double>(d(std::numeric_limits<double>::infinity()), d(0),
                        d(std::numeric_limits<double>::quiet_NaN()), kRNE).flags, kNV);
  EXPECT_EQ(fma<float>(s(0), s(-std::numeric_limits<float>::infinity()), s(1), kRNE).flags, kNV);
  EXPECT_EQ(fma<float>(s(2), s(3), s(1), kRMM).bits, s(7));
}

TEST(FpArith, ConversionSaturates) {
  EXPECT_EQ(to_int_FW(s(3e9f), kRNE).bits, 0x7FFFFFFFu);
  EXPECT_EQ(to_int_FW(s(3e9f), kRNE).flags, kNV);
  EXPECT_EQ(to_int_FW(s(-3e9f), kRNE).bits, 0xFFFFFFFF80000000u);
  EXPECT_EQ(to_int_FWU(s(-1.0f), kRNE).bits, 0u);
  EXPECT_EQ(to_int_FWU(s(-0.25f), kRTZ).flags, kNX);  // rounds to 0: in range
  EXPECT_EQ(to_int_FWU(s(4e9f), kRNE).bits, 0xFFFFFFFFEE6B2800u);  // sign-extended
  EXPECT_EQ(to_int_DL(d(std::numeric_limits<double>::quiet_NaN()), kRNE).bits,
            0x7FFFFFFFFFFFFFFFu);
  EXPECT_EQ(to_int_DLU(d(-std::numeric_limits<double>::infinity()), kRNE).bits, 0u);
  EXPECT_EQ(to_int_DL(d(2.5), kRMM).bits, 3u);
  EXPECT_EQ(to_int_DL(d(2.5), kRNE).bits, 2u);
  EXPECT_EQ(to_int_DL(d(-2.5), kRDN).bits, static_cast<std::uint64_t>(-3));
}

TEST(FpArith, IntegerToFloatRounds) {
  EXPECT_EQ(from_int_FW(16777217, kRNE).bits, s(16777216.0f));
  EXPECT_EQ(from_int_FW(16777217, kRUP).bits, s(16777218.0f));
  EXPECT_EQ(from_int_FW(16777217, kRNE).flags, kNX);
  EXPECT_EQ(from_int_DLU(~0ULL, kRTZ).bits, d(18446744073709549568.0));
  EXPECT_EQ(narrow(d(1e300), kRNE).flags, kOF | kNX);
}

// RMM rounds ties away from zero; non-ties as RNE does.
TEST(FpArith, RoundToMaxMagnitude) {
  EXPECT_EQ(binary<float>(Op::Add, s(1), s(0x1p-24f), kRMM).bits, 0x3F800001u);
  EXPECT_EQ(binary<float>(Op::Add, s(1), s(0x1p-24f), kRNE).bits, 0x3F800000u);
  EXPECT_EQ(binary<float>(Op::Add, s(1), s(0x1p-24f), kRMM).flags, kNX);
  EXPECT_EQ(binary<float>(Op::Add, s(1), s(0x1.8p-25f), kRMM).bits, 0x3F800000u);  // below half
  EXPECT_EQ(binary<double>(Op::Sub, d(-1), d(0x1p-53), kRMM).bits, 0xBFF0000000000001u);
  EXPECT_EQ(binary<double>(Op::Add, d(1), d(0x1p-54), kRMM).bits, d(1));
  EXPECT_EQ(binary<double>(Op::Add, d(1), d(0x1.0000000000001p-53), kRMM).bits, 0x3FF0000000000001u);
  EXPECT_EQ(from_int_FW(16777217, kRMM).bits, 0x4B800001u);
  EXPECT_EQ(narrow(d(1 + 0x1p-24), kRMM).bits, 0x3F800001u);
  EXPECT_EQ(binary<double>(Op::Div, d(1), d(3), kRMM).bits, binary<double>(Op::Div, d(1), d(3), kRNE).bits);
}

}  // namespace
}  // namespace memvp::fp
