// PackedTlbArray and PackedTlbLevel: SetAssocTlb's and TlbLevel's decisions (set_assoc_tlb.cpp,
// tlb_level.cpp) and the four replacement policies (common/replacement) on one word per way.
#include "mmu/packed_tlb.h"

#include <algorithm>
#include <bit>

#include "common/replacement/random_policy.h"
#include "common/replacement/tree_plru_policy.h"

namespace memvp::mmu {

namespace {

// A way's word, 0 when the way is invalid. The page number keeps VA bits 51:12: translated
// addresses are canonical (§12.4, §12.5: Sv39 and Sv48 addresses are their low 39 or 48 bits
// sign-extended), so those bits tell any two apart, and the full number is their sign extension.
constexpr std::uint64_t kValid = 1;        // bit 0
constexpr unsigned kSizeShift = 1;         // bits 2:1, level_of(size)
constexpr unsigned kLeafShift = 3;         // bits 4:3, level_of(leaf_size)
constexpr std::uint64_t kGlobal = 1 << 5;  // bit 5
constexpr std::uint64_t kAd = 0xC0;        // bits 7:6, the PTE's A and D at their PTE positions
constexpr unsigned kAsidShift = 8;         // bits 23:8
constexpr unsigned kVpnShift = 24;         // bits 63:24, VA bits 51:12
// What a lookup compares: the page number, the size and the valid bit.
constexpr std::uint64_t kTagMask = ~std::uint64_t{0} << kVpnShift | 7;
constexpr unsigned kStateWords = 2;  // each set's replacement state, before its ways

constexpr std::uint64_t tag_of(std::uint64_t vpn, PageSize s) {
  return vpn << kVpnShift | std::uint64_t{level_of(s)} << kSizeShift | kValid;
}
std::uint64_t word_of(const TlbEntry& e) {
  return tag_of(e.vpn, e.size) | std::uint64_t{level_of(e.leaf_size)} << kLeafShift | (e.global ? kGlobal : 0) |
         (e.flags & kAd) | std::uint64_t{e.asid.value()} << kAsidShift;
}
std::uint16_t asid_of(std::uint64_t w) { return static_cast<std::uint16_t>(w >> kAsidShift); }
unsigned size_level(std::uint64_t w) { return (w >> kSizeShift) & 3; }
std::uint64_t low_mask(unsigned level) { return (std::uint64_t{1} << (9 * level)) - 1; }

// TlbEntry::leaf_covers on a word: the page number sign-extended from VA bit 51 back to VA >> 12.
bool leaf_covers(std::uint64_t w, VirtAddr va) {
  const std::uint64_t vpn = static_cast<std::uint64_t>(static_cast<std::int64_t>(w & ~std::uint64_t{0} << kVpnShift) >>
                                                        kVpnShift) &
                            ((std::uint64_t{1} << 52) - 1);
  const std::uint64_t m = low_mask(std::max(size_level(w), static_cast<unsigned>((w >> kLeafShift) & 3)));
  return ((va.value() >> 12) & ~m) == (vpn & ~m);
}

// TlbFlush::removes on a word.
bool removes(const TlbFlush& f, std::uint64_t w) {
  const bool same_asid = (w & kGlobal) == 0 && asid_of(w) == f.asid.value();
  switch (f.kind) {
    case FlushKind::All: return true;
    case FlushKind::Asid: return same_asid;
    case FlushKind::Va: return leaf_covers(w, f.va);
    case FlushKind::VaAsid: return same_asid && leaf_covers(w, f.va);
  }
  return true;
}

// LRU and FIFO keep each way's age in the set's two state words, a byte a way (ways 0-7 in the
// first, 8-15 in the second): 0 the most recently used (or filled), ways-1 the least; the ages are
// always a permutation. SetAssocTlb's policies stamp ways with a rising clock and evict the
// smallest stamp, an invalidated way's stamp 0; a victim is only asked of a full set, so the way of
// age ways-1 is the one they evict. The ages are compared a word at a time (each below 16, so a
// byte's top bit is free to stop borrows), without a branch on any way.
constexpr std::uint64_t kLanes = 0x0101010101010101ULL;
constexpr std::uint64_t kTops = 0x8080808080808080ULL;
// The low bit of each byte of `word` (ways 8*word ... 8*word+7) that is a way of the set.
std::uint64_t lane_ones(unsigned ways, unsigned word) {
  const unsigned n = std::min(8u, ways > 8 * word ? ways - 8 * word : 0u);
  return n == 8 ? kLanes : kLanes & ((std::uint64_t{1} << (8 * n)) - 1);
}
unsigned age(const std::uint64_t* state, unsigned way) { return (state[way / 8] >> (8 * (way % 8))) & 0xFF; }
void set_age(std::uint64_t* state, unsigned way, unsigned a) {
  const unsigned shift = 8 * (way % 8);
  state[way / 8] = (state[way / 8] & ~(std::uint64_t{0xFF} << shift)) | std::uint64_t{a} << shift;
}
void make_youngest(std::uint64_t* state, unsigned way, unsigned ways) {
  const std::uint64_t a = age(state, way);
  for (unsigned i = 0; i < 2; ++i) {
    const std::uint64_t younger = (~((state[i] | kTops) - a * kLanes) & kTops) >> 7;  // age < a
    state[i] += younger & lane_ones(ways, i);
  }
  set_age(state, way, 0);
}
void make_oldest(std::uint64_t* state, unsigned way, unsigned ways) {
  const std::uint64_t a = age(state, way);
  for (unsigned i = 0; i < 2; ++i) {
    const std::uint64_t older = (~((a * kLanes | kTops) - state[i]) & kTops) >> 7;  // age > a
    state[i] -= older & lane_ones(ways, i);
  }
  set_age(state, way, ways - 1);
}
unsigned oldest(const std::uint64_t* state, unsigned ways) {
  for (unsigned i = 0; i < 2; ++i) {
    const std::uint64_t y = state[i] ^ (ways - 1) * kLanes;                         // 0 in the oldest's byte
    const std::uint64_t zero = ~(((y & ~kTops) + ~kTops) | y | ~kTops) & (lane_ones(ways, i) << 7);
    if (zero != 0) return 8 * i + static_cast<unsigned>(std::countr_zero(zero)) / 8;
  }
  return 0;
}
void initial_ages(std::uint64_t* state, unsigned ways) {
  for (unsigned w = 0; w < ways; ++w) set_age(state, w, w);
}

// Tree PLRU (tree_plru_policy.h) with node n's bit at bit n of the set's word.
void plru_touch(std::uint64_t& state, unsigned way, unsigned leaves) {
  tree_plru_touch(way, leaves, [&state](unsigned node, bool v) {
    if (v) state |= std::uint64_t{1} << node; else state &= ~(std::uint64_t{1} << node);
  });
}
unsigned plru_victim(std::uint64_t state, unsigned ways, unsigned leaves) {
  return tree_plru_victim(ways, leaves, [state](unsigned node) { return ((state >> node) & 1) != 0; });
}

}  // namespace

PackedTlbArray::PackedTlbArray(const TlbConfig& cfg)
    : cfg_(cfg),
      sets_(cfg.entries / cfg.ways),
      set_mask_(std::has_single_bit(sets_) ? sets_ - 1 : 0),
      stride_((kStateWords + cfg.ways + 7) / 8 * 8),
      random_state_(cfg.seed) {
  while (plru_leaves_ < cfg.ways) plru_leaves_ *= 2;
  storage_.assign(std::size_t{sets_} * stride_ + 8, 0);
  base_ = (64 - reinterpret_cast<std::uintptr_t>(storage_.data()) % 64) % 64 / sizeof(std::uint64_t);
  if (cfg.replacement == ReplacementKind::Lru || cfg.replacement == ReplacementKind::Fifo) {
    for (unsigned set = 0; set < sets_; ++set) initial_ages(set_words(set), cfg.ways);
  }
}

unsigned PackedTlbArray::set_of(VirtAddr va, PageSize s) const {
  const std::uint64_t vpn = va.value() >> page_shift(s);
  return static_cast<unsigned>(set_mask_ != 0 || sets_ == 1 ? vpn & set_mask_ : vpn % sets_);
}

// Bit w: way w's page number, size and valid bit are `tag`. One pass over the ways, no branch.
std::uint32_t PackedTlbArray::matching(const std::uint64_t* ways, std::uint64_t tag) const {
  std::uint32_t m = 0;
  for (unsigned w = 0; w < cfg_.ways; ++w) m |= static_cast<std::uint32_t>((ways[w] & kTagMask) == tag) << w;
  return m;
}

int PackedTlbArray::lookup(VirtAddr va, Asid asid) {
  for (unsigned level = 0; level < kNumPageSizes; ++level) {
    const PageSize s = page_size_at_level(level);
    if (!holds(s) || valid_by_size_[level] == 0) continue;
    std::uint64_t* set = set_words(set_of(va, s));
    const std::uint64_t* ways = set + kStateWords;
    for (std::uint32_t m = matching(ways, tag_of((va.value() >> 12) & ~low_mask(level), s)); m != 0; m &= m - 1) {
      const unsigned w = static_cast<unsigned>(std::countr_zero(m));
      if ((ways[w] & kGlobal) == 0 && asid_of(ways[w]) != asid.value()) continue;
      on_hit(set, w);
      return static_cast<int>(ways[w] & kAd);
    }
  }
  return -1;
}

unsigned PackedTlbArray::choose_way(std::uint64_t* set, const TlbEntry& e, bool& evicts) {
  evicts = false;
  const std::uint64_t* ways = set + kStateWords;
  for (std::uint32_t m = matching(ways, tag_of(e.vpn, e.size)); m != 0; m &= m - 1) {
    const unsigned w = static_cast<unsigned>(std::countr_zero(m));
    const bool global = (ways[w] & kGlobal) != 0;
    if (global == e.global && (e.global || asid_of(ways[w]) == e.asid.value())) return w;  // refreshed in place
  }
  std::uint32_t invalid = 0;
  for (unsigned w = 0; w < cfg_.ways; ++w) invalid |= static_cast<std::uint32_t>(ways[w] == 0) << w;
  if (invalid != 0) return static_cast<unsigned>(std::countr_zero(invalid));
  evicts = true;
  return victim(set);
}

bool PackedTlbArray::fill(const TlbEntry& e) {
  std::uint64_t* set = set_words(set_of(VirtAddr(e.vpn << 12), e.size));
  bool evicts = false;
  const unsigned w = choose_way(set, e, evicts);
  std::uint64_t& way = set[kStateWords + w];
  if (way != 0) --valid_by_size_[size_level(way)];
  way = word_of(e);
  ++valid_by_size_[level_of(e.size)];
  on_fill(set, w);
  return evicts;
}

std::uint64_t PackedTlbArray::flush(const TlbFlush& f) {
  std::uint64_t removed = 0;
  for (unsigned s = 0; s < sets_; ++s) {
    std::uint64_t* set = set_words(s);
    for (unsigned w = 0; w < cfg_.ways; ++w) {
      std::uint64_t& way = set[kStateWords + w];
      if (way == 0 || !removes(f, way)) continue;
      --valid_by_size_[size_level(way)];
      way = 0;
      on_invalidate(set, w);
      ++removed;
    }
  }
  return removed;
}

void PackedTlbArray::prefetch(VirtAddr va) const {
  for (unsigned level = 0; level < kNumPageSizes; ++level) {
    const PageSize s = page_size_at_level(level);
    if (!holds(s) || valid_by_size_[level] == 0) continue;
    const std::uint64_t* set = set_words(set_of(va, s));
    for (unsigned w = 0; w < stride_; w += 8) __builtin_prefetch(set + w);  // 8 words per 64-byte line
  }
}

void PackedTlbArray::on_hit(std::uint64_t* state, unsigned way) const {
  if (cfg_.replacement == ReplacementKind::Lru) make_youngest(state, way, cfg_.ways);
  if (cfg_.replacement == ReplacementKind::TreePlru) plru_touch(state[0], way, plru_leaves_);
}

void PackedTlbArray::on_fill(std::uint64_t* state, unsigned way) const {
  if (cfg_.replacement == ReplacementKind::Lru || cfg_.replacement == ReplacementKind::Fifo)
    make_youngest(state, way, cfg_.ways);
  if (cfg_.replacement == ReplacementKind::TreePlru) plru_touch(state[0], way, plru_leaves_);
}

void PackedTlbArray::on_invalidate(std::uint64_t* state, unsigned way) const {
  if (cfg_.replacement == ReplacementKind::Lru || cfg_.replacement == ReplacementKind::Fifo)
    make_oldest(state, way, cfg_.ways);
}

unsigned PackedTlbArray::victim(const std::uint64_t* state) {
  switch (cfg_.replacement) {
    case ReplacementKind::Lru:
    case ReplacementKind::Fifo: return oldest(state, cfg_.ways);
    case ReplacementKind::TreePlru: return plru_victim(state[0], cfg_.ways, plru_leaves_);
    case ReplacementKind::Random: return static_cast<unsigned>(RandomPolicy::splitmix64(random_state_) % cfg_.ways);
  }
  return 0;
}

bool PackedTlbLevel::fits(const TlbLevelConfig& cfg) {
  return std::all_of(cfg.arrays.begin(), cfg.arrays.end(), [](const TlbConfig& t) { return t.ways <= kMaxPackedWays; });
}

PackedTlbLevel::PackedTlbLevel(const TlbLevelConfig& cfg) {
  arrays_.reserve(cfg.arrays.size());
  for (const TlbConfig& t : cfg.arrays) arrays_.emplace_back(t);
}

int PackedTlbLevel::lookup(VirtAddr va, Asid asid) {
  ++stats_.lookups;
  int found = -1;
  for (PackedTlbArray& array : arrays_) {
    const int ad = array.lookup(va, asid);
    if (ad >= 0 && found < 0) found = ad;
  }
  if (found >= 0) ++stats_.hits; else ++stats_.misses;
  return found;
}

void PackedTlbLevel::fill_largest_held(const TlbEntry& e, VirtAddr va) {
  for (int l = static_cast<int>(level_of(e.size)); l >= 0; --l) {
    const PageSize s = page_size_at_level(static_cast<unsigned>(l));
    for (PackedTlbArray& array : arrays_) {
      if (!array.holds(s)) continue;
      ++stats_.fills;
      if (array.fill(s == e.size ? e : e.splinter(s, va))) ++stats_.evictions;
      return;
    }
  }
}

void PackedTlbLevel::flush(const TlbFlush& f) {
  ++stats_.flushes;
  for (PackedTlbArray& array : arrays_) stats_.invalidations += array.flush(f);
}

void PackedTlbLevel::prefetch(VirtAddr va) const {
  for (const PackedTlbArray& array : arrays_) array.prefetch(va);
}

}  // namespace memvp::mmu
