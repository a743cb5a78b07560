// Lockstep forwarding and comparison of a reference and a shadow TLB.
#include "mmu/shadow_tlb.h"

namespace memvp::mmu {

namespace {
bool same(const std::optional<TlbEntry>& a, const std::optional<TlbEntry>& b) {
  if (a.has_value() != b.has_value()) return false;
  if (!a) return true;
  return a->vpn == b->vpn && a->ppn == b->ppn && a->size == b->size && a->asid == b->asid &&
         a->global == b->global && a->flags == b->flags && a->leaf_size == b->leaf_size;
}
}  // namespace

ShadowTlb::ShadowTlb(std::unique_ptr<Tlb> reference, std::unique_ptr<Tlb> shadow,
                     std::size_t keep_mismatches)
    : reference_(std::move(reference)), shadow_(std::move(shadow)), keep_(keep_mismatches) {}

std::optional<TlbEntry> ShadowTlb::lookup(VirtAddr va, Asid asid) {
  auto ref = reference_->lookup(va, asid);
  auto other = shadow_->lookup(va, asid);
  if (!same(ref, other)) {
    ++mismatches_;
    if (kept_.size() < keep_) kept_.push_back({lookups_, va, asid, ref, other});
  }
  ++lookups_;
  return ref;
}

void ShadowTlb::fill(const TlbEntry& e) {
  reference_->fill(e);
  shadow_->fill(e);
}

void ShadowTlb::flush(const TlbFlush& f) {
  reference_->flush(f);
  shadow_->flush(f);
}

}  // namespace memvp::mmu
