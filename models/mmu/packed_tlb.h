// The TLB model of a shadow level (mmu/shadow_tlb_set.h): the same hits, misses, fills, evictions
// and invalidations as a TlbLevel of SetAssocTlb arrays with the same configuration, for every
// replacement policy (the random one drawing the same victims from the same seed), but holding
// only what those counts depend on. Each way is one 64-bit word — page number, page and leaf
// size, ASID, G, A and D — and each set's replacement state is one more word beside its ways, so
// that a probe reads one or two host cache lines per array instead of tags, entries and
// replacement state in three places. Dozens of shadows of thousands of entries then stay in the
// host's caches, which a simulation with shadows waits on for every lookup.
//
// Arrays of at most 16 ways only (kMaxPackedWays: the LRU and FIFO order of a set is 16 one-byte
// ages in its two state words); ShadowTlbSet keeps a TlbLevel for a level with a wider array.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "mmu/mmu_config.h"
#include "mmu/tlb.h"

namespace memvp::mmu {

inline constexpr unsigned kMaxPackedWays = 16;

// One array: SetAssocTlb's lookup, fill (same-translation overwrite, then the lowest invalid way,
// then the policy's victim) and sfence.vma, on packed words.
class PackedTlbArray {
 public:
  explicit PackedTlbArray(const TlbConfig& cfg);

  [[nodiscard]] bool holds(PageSize s) const { return cfg_.page_sizes.contains(s); }
  // The A and D bits (PTE bits 7:6, the rest 0) of the entry that maps va in address space asid,
  // or of a global one; -1 when none does. A hit updates the replacement state.
  int lookup(VirtAddr va, Asid asid);
  // Writes e (holds(e.size)); true when it evicted a valid entry.
  bool fill(const TlbEntry& e);
  // The number of entries the fence removed.
  std::uint64_t flush(const TlbFlush& f);
  void prefetch(VirtAddr va) const;

 private:
  [[nodiscard]] unsigned set_of(VirtAddr va, PageSize s) const;
  std::uint64_t* set_words(unsigned set) { return &storage_[base_ + std::size_t{set} * stride_]; }
  [[nodiscard]] const std::uint64_t* set_words(unsigned set) const {
    return &storage_[base_ + std::size_t{set} * stride_];
  }
  // The way a fill of e writes in the set; `evicts` says whether it holds a valid entry of another
  // translation.
  [[nodiscard]] unsigned choose_way(std::uint64_t* set, const TlbEntry& e, bool& evicts);
  [[nodiscard]] std::uint32_t matching(const std::uint64_t* ways, std::uint64_t tag) const;
  // The replacement policy on the set's state words (the set's first two): a hit, a fill, an
  // invalidation, the way to evict.
  void on_hit(std::uint64_t* state, unsigned way) const;
  void on_fill(std::uint64_t* state, unsigned way) const;
  void on_invalidate(std::uint64_t* state, unsigned way) const;
  unsigned victim(const std::uint64_t* state);

  TlbConfig cfg_;
  unsigned sets_;
  unsigned set_mask_;  // sets_ - 1 when sets_ is a power of two, else 0 (as SetAssocTlb)
  unsigned stride_;    // words per set: the state words and the ways, rounded up to whole 64-byte lines
  unsigned plru_leaves_ = 1;
  std::uint64_t random_state_;
  std::vector<std::uint64_t> storage_;
  std::size_t base_ = 0;  // the first set's word 0: storage_'s first 64-byte boundary
  std::uint32_t valid_by_size_[kNumPageSizes] = {};
};

// One level of packed arrays, as TlbLevel: a lookup probes every array, a fill goes to the first
// array holding the entry's size (cut to the largest size the level holds, fill_largest_held).
class PackedTlbLevel {
 public:
  explicit PackedTlbLevel(const TlbLevelConfig& cfg);
  // Whether every array of cfg fits a PackedTlbArray.
  static bool fits(const TlbLevelConfig& cfg);

  // As PackedTlbArray::lookup, counted once for the level.
  int lookup(VirtAddr va, Asid asid);
  void fill_largest_held(const TlbEntry& e, VirtAddr va);
  void flush(const TlbFlush& f);
  void prefetch(VirtAddr va) const;
  [[nodiscard]] const TlbStats& stats() const { return stats_; }

 private:
  std::vector<PackedTlbArray> arrays_;
  TlbStats stats_;
};

}  // namespace memvp::mmu
