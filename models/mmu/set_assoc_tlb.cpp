// Lookup, fill (same-translation overwrite, then an invalid way, then the policy's victim) and
// sfence.vma invalidation of one set-associative TLB array.
#include "mmu/set_assoc_tlb.h"

#include <bit>

namespace memvp::mmu {

namespace {
// The tag of a valid entry of size s whose page number (of its first 4 KiB) is vpn; never 0.
std::uint64_t tag_of(std::uint64_t vpn, PageSize s) { return (vpn << 3) | (std::uint64_t{level_of(s)} << 1) | 1; }
}  // namespace

SetAssocTlb::SetAssocTlb(std::string name, const TlbConfig& cfg)
    : name_(std::move(name)),
      cfg_(cfg),
      sets_(cfg.entries / cfg.ways),
      set_mask_(std::has_single_bit(sets_) ? sets_ - 1 : 0),
      ways_(cfg.entries),
      tags_(cfg.entries, 0),
      policy_(make_replacement_policy(cfg.replacement, sets_, cfg.ways, cfg.seed)) {}

unsigned SetAssocTlb::set_of(VirtAddr va, PageSize s) const {
  const std::uint64_t vpn = va.value() >> page_shift(s);
  return static_cast<unsigned>(set_mask_ != 0 || sets_ == 1 ? vpn & set_mask_ : vpn % sets_);
}

// An entry of size s covers va when its vpn is va's page number with the low bits of s cleared
// (TlbEntry::covers): that page number's tag is computed once per size, and each way's compact
// tag is compared first.
std::optional<TlbEntry> SetAssocTlb::lookup(VirtAddr va, Asid asid) {
  ++stats_.lookups;
  for (unsigned level = 0; level < kNumPageSizes; ++level) {
    const PageSize s = page_size_at_level(level);
    if (!holds(s) || valid_by_size_[level] == 0) continue;
    const unsigned set = set_of(va, s);
    const std::uint64_t low = (std::uint64_t{1} << (page_shift(s) - 12)) - 1;
    const std::uint64_t want = tag_of((va.value() >> 12) & ~low, s);  // the entry covers va
    const std::uint64_t* tags = &tags_[std::size_t{set} * cfg_.ways];
    for (unsigned w = 0; w < cfg_.ways; ++w) {
      if (tags[w] != want) continue;
      const Way& slot = way(set, w);
      if (slot.entry.global || slot.entry.asid == asid) {
        ++stats_.hits;
        policy_->on_hit(set, w);
        return slot.entry;
      }
    }
  }
  ++stats_.misses;
  return std::nullopt;
}

unsigned SetAssocTlb::choose_way(unsigned set, const TlbEntry& e) {
  const std::uint64_t* tags = &tags_[std::size_t{set} * cfg_.ways];
  const std::uint64_t want = tag_of(e.vpn, e.size);
  for (unsigned w = 0; w < cfg_.ways; ++w) {
    if (tags[w] != want) continue;
    const TlbEntry& held = way(set, w).entry;
    if (held.global == e.global && (e.global || held.asid == e.asid))
      return w;  // the same translation: refresh it in place
  }
  for (unsigned w = 0; w < cfg_.ways; ++w)
    if (tags[w] == 0) return w;
  ++stats_.evictions;
  return policy_->victim(set);
}

void SetAssocTlb::prefetch(VirtAddr va) const {
  for (unsigned level = 0; level < kNumPageSizes; ++level) {
    const PageSize s = page_size_at_level(level);
    if (!holds(s) || valid_by_size_[level] == 0) continue;
    const std::uint64_t* tags = &tags_[std::size_t{set_of(va, s)} * cfg_.ways];
    for (unsigned w = 0; w < cfg_.ways; w += 8) __builtin_prefetch(tags + w);  // 8 tags per 64-byte line
  }
}

void SetAssocTlb::fill(const TlbEntry& e) {
  if (!holds(e.size)) return;
  ++stats_.fills;
  const unsigned set = set_of(VirtAddr(e.vpn << 12), e.size);
  const unsigned w = choose_way(set, e);
  set_slot(std::size_t{set} * cfg_.ways + w, true, e);
  policy_->on_fill(set, w);
}

void SetAssocTlb::set_slot(std::size_t i, bool valid, const TlbEntry& e) {
  // The old entry's size from its tag, which the lookup has just read: the way itself is only
  // written, so a fill never waits for it to come from host memory.
  if (tags_[i] != 0) --valid_by_size_[(tags_[i] >> 1) & 3];
  ways_[i] = Way{valid, e};
  if (valid) ++valid_by_size_[level_of(e.size)];
  tags_[i] = valid ? tag_of(e.vpn, e.size) : 0;
}

void SetAssocTlb::flush(const TlbFlush& f) {
  ++stats_.flushes;
  for (unsigned set = 0; set < sets_; ++set) {
    for (unsigned w = 0; w < cfg_.ways; ++w) {
      const Way& slot = way(set, w);
      if (slot.valid && f.removes(slot.entry)) {
        set_slot(std::size_t{set} * cfg_.ways + w, false, slot.entry);
        ++stats_.invalidations;
        policy_->on_invalidate(set, w);
      }
    }
  }
}

std::vector<TlbEntry> SetAssocTlb::contents() const {
  std::vector<TlbEntry> out;
  for (const Way& slot : ways_)
    if (slot.valid) out.push_back(slot.entry);
  return out;
}

std::optional<TlbEntry> SetAssocTlb::at(unsigned set, unsigned w) const {
  const Way& slot = way(set, w);
  if (!slot.valid) return std::nullopt;
  return slot.entry;
}

}  // namespace memvp::mmu
