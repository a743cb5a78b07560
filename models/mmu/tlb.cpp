// TlbEntry address arithmetic and the sfence.vma matching rule shared by every TLB model.
#include "mmu/tlb.h"

namespace memvp::mmu {

namespace {
std::uint64_t low_mask(PageSize s) { return (std::uint64_t{1} << (page_shift(s) - 12)) - 1; }
}  // namespace

bool TlbEntry::leaf_covers(VirtAddr va) const {
  // An entry is never larger than its leaf; the larger of the two also serves entries that
  // were built without their leaf size.
  const std::uint64_t m = low_mask(page_shift(size) > page_shift(leaf_size) ? size : leaf_size);
  return ((va.value() >> 12) & ~m) == (vpn & ~m);
}

PhysAddr TlbEntry::translate(VirtAddr va) const {
  // §12.3.2 step 10: pa.pgoff = va.pgoff; for a superpage pa.ppn[i-1:0] = va.vpn[i-1:0].
  const std::uint64_t offset = va.value() & (page_bytes(size) - 1);
  return PhysAddr((ppn << 12) + offset);
}

TlbEntry TlbEntry::splinter(PageSize smaller, VirtAddr va) const {
  TlbEntry e = *this;
  const std::uint64_t delta = ((va.value() >> 12) & low_mask(size)) & ~low_mask(smaller);
  e.vpn = vpn + delta;
  e.ppn = ppn + delta;
  e.size = smaller;
  return e;
}

bool TlbFlush::removes(const TlbEntry& e) const {
  switch (kind) {
    case FlushKind::All: return true;                                  // rs1 = x0, rs2 = x0
    case FlushKind::Asid: return !e.global && e.asid == asid;          // rs1 = x0, rs2 != x0
    // §12.2.1 orders the whole leaf that maps va: every piece of a splintered superpage goes.
    case FlushKind::Va: return e.leaf_covers(va);                      // rs1 != x0, rs2 = x0
    case FlushKind::VaAsid: return !e.global && e.asid == asid && e.leaf_covers(va);
  }
  return true;
}

void fill_largest_held(Tlb& tlb, const TlbEntry& e, VirtAddr va) {
  for (int l = static_cast<int>(level_of(e.size)); l >= 0; --l) {
    const PageSize s = page_size_at_level(static_cast<unsigned>(l));
    if (!tlb.holds(s)) continue;
    tlb.fill(s == e.size ? e : e.splinter(s, va));
    return;
  }
}

}  // namespace memvp::mmu
