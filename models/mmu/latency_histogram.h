// The buckets of the MMU's translation-latency histogram (docs/stats.md, "harts[i].mmu"): exact
// below 16 cycles, then eight buckets per power of two up to 2^16 cycles, and one for the rest,
// so that a percentile read from it is within 1/8 of the true latency at a shift and a add.
#pragma once

#include <bit>
#include <cstdint>
#include <limits>

namespace memvp::mmu {

inline constexpr unsigned kLatencyExact = 16;          // latencies 0..15 have a bucket each
inline constexpr unsigned kLatencySubBucketBits = 3;   // 8 buckets per power of two above
inline constexpr unsigned kLatencyTopExponent = 16;    // 2^16 cycles and above share the last
inline constexpr unsigned kLatencyBuckets =
    kLatencyExact + (kLatencyTopExponent - 4) * (1U << kLatencySubBucketBits) + 1;

// The bucket of a latency of `cycles`.
constexpr unsigned latency_bucket(std::uint64_t cycles) {
  if (cycles < kLatencyExact) return static_cast<unsigned>(cycles);
  const unsigned e = static_cast<unsigned>(std::bit_width(cycles)) - 1;  // 2^e <= cycles
  if (e >= kLatencyTopExponent) return kLatencyBuckets - 1;
  const unsigned sub = static_cast<unsigned>(cycles >> (e - kLatencySubBucketBits)) & ((1U << kLatencySubBucketBits) - 1);
  return kLatencyExact + (e - 4) * (1U << kLatencySubBucketBits) + sub;
}

// The smallest latency in bucket b.
constexpr std::uint64_t latency_bucket_first(unsigned b) {
  if (b < kLatencyExact) return b;
  if (b >= kLatencyBuckets - 1) return std::uint64_t{1} << kLatencyTopExponent;
  const unsigned e = 4 + (b - kLatencyExact) / (1U << kLatencySubBucketBits);
  const unsigned sub = (b - kLatencyExact) % (1U << kLatencySubBucketBits);
  return (std::uint64_t{(1U << kLatencySubBucketBits) + sub}) << (e - kLatencySubBucketBits);
}

// The largest latency in bucket b (the last bucket has no bound).
constexpr std::uint64_t latency_bucket_last(unsigned b) {
  return b >= kLatencyBuckets - 1 ? std::numeric_limits<std::uint64_t>::max() : latency_bucket_first(b + 1) - 1;
}

}  // namespace memvp::mmu
