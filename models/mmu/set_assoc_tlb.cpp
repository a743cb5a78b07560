// Lookup, fill (same-translation overwrite, then an invalid way, then the policy's victim) and
// sfence.vma invalidation of one set-associative TLB array.
#include "mmu/set_assoc_tlb.h"

#include <bit>

namespace memvp::mmu {

SetAssocTlb::SetAssocTlb(std::string name, const TlbConfig& cfg)
    : name_(std::move(name)),
      cfg_(cfg),
      sets_(cfg.entries / cfg.ways),
      set_mask_(std::has_single_bit(sets_) ? sets_ - 1 : 0),
      ways_(cfg.entries),
      policy_(make_replacement_policy(cfg.replacement, sets_, cfg.ways, cfg.seed)) {}

unsigned SetAssocTlb::set_of(VirtAddr va, PageSize s) const {
  const std::uint64_t vpn = va.value() >> page_shift(s);
  return static_cast<unsigned>(set_mask_ != 0 || sets_ == 1 ? vpn & set_mask_ : vpn % sets_);
}

// An entry of size s covers va when its vpn is va's page number with the low bits of s cleared
// (TlbEntry::covers); that page number is computed once per size, and each way compares it first.
std::optional<TlbEntry> SetAssocTlb::lookup(VirtAddr va, Asid asid) {
  ++stats_.lookups;
  for (unsigned level = 0; level < kNumPageSizes; ++level) {
    const PageSize s = page_size_at_level(level);
    if (!holds(s)) continue;
    const std::uint64_t vpn = (va.value() >> 12) & ~((std::uint64_t{1} << (page_shift(s) - 12)) - 1);
    const unsigned set = set_of(va, s);
    const Way* slots = &way(set, 0);
    for (unsigned w = 0; w < cfg_.ways; ++w) {
      const Way& slot = slots[w];
      if (slot.entry.vpn == vpn && slot.valid && slot.entry.size == s &&
          (slot.entry.global || slot.entry.asid == asid)) {
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
  for (unsigned w = 0; w < cfg_.ways; ++w) {
    const Way& slot = way(set, w);
    if (slot.valid && slot.entry.size == e.size && slot.entry.vpn == e.vpn &&
        slot.entry.global == e.global && (e.global || slot.entry.asid == e.asid))
      return w;  // the same translation: refresh it in place
  }
  for (unsigned w = 0; w < cfg_.ways; ++w)
    if (!way(set, w).valid) return w;
  ++stats_.evictions;
  return policy_->victim(set);
}

void SetAssocTlb::fill(const TlbEntry& e) {
  if (!holds(e.size)) return;
  ++stats_.fills;
  const unsigned set = set_of(VirtAddr(e.vpn << 12), e.size);
  const unsigned w = choose_way(set, e);
  way(set, w) = Way{true, e};
  policy_->on_fill(set, w);
}

void SetAssocTlb::flush(const TlbFlush& f) {
  ++stats_.flushes;
  for (unsigned set = 0; set < sets_; ++set) {
    for (unsigned w = 0; w < cfg_.ways; ++w) {
      Way& slot = way(set, w);
      if (slot.valid && f.removes(slot.entry)) {
        slot.valid = false;
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
