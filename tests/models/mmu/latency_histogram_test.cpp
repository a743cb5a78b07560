// The MMU's translation-latency buckets: exact below 16 cycles, eight per power of two above,
// contiguous and each at most 1/8 of its first latency wide, the last open-ended.
#include "mmu/latency_histogram.h"

#include <gtest/gtest.h>

namespace memvp::mmu {
namespace {

TEST(LatencyHistogram, ExactBelowSixteen) {
  for (unsigned c = 0; c < 16; ++c) {
    EXPECT_EQ(latency_bucket(c), c);
    EXPECT_EQ(latency_bucket_first(c), c);
    EXPECT_EQ(latency_bucket_last(c), c);
  }
}

TEST(LatencyHistogram, EightBucketsPerPowerOfTwo) {
  EXPECT_EQ(latency_bucket(16), 16U);
  EXPECT_EQ(latency_bucket(17), 16U);  // [16, 18)
  EXPECT_EQ(latency_bucket(18), 17U);
  EXPECT_EQ(latency_bucket(31), 23U);
  EXPECT_EQ(latency_bucket(32), 24U);  // [32, 36)
  EXPECT_EQ(latency_bucket(43), 26U);  // [40, 44)
  EXPECT_EQ(latency_bucket_first(26), 40U);
  EXPECT_EQ(latency_bucket_last(26), 43U);
  EXPECT_EQ(latency_bucket(65535), kLatencyBuckets - 2);
  EXPECT_EQ(latency_bucket(65536), kLatencyBuckets - 1);
  EXPECT_EQ(latency_bucket(~std::uint64_t{0}), kLatencyBuckets - 1);
  EXPECT_EQ(kLatencyBuckets, 113U);
}

TEST(LatencyHistogram, BucketsAreContiguousAndNarrow) {
  for (unsigned b = 0; b + 1 < kLatencyBuckets; ++b) {
    const std::uint64_t first = latency_bucket_first(b), last = latency_bucket_last(b);
    EXPECT_EQ(latency_bucket(first), b);
    EXPECT_EQ(latency_bucket(last), b);
    EXPECT_EQ(latency_bucket_first(b + 1), last + 1);
    EXPECT_LE((last - first + 1) * 8, std::max<std::uint64_t>(first, 8)) << "bucket " << b;
  }
}

}  // namespace
}  // namespace memvp::mmu
