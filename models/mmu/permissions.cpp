// Privilege and R/W/X rules for a leaf PTE: one branch per rule of §12.3.1 and §12.3.2 steps 6, 8.
#include "mmu/permissions.h"

#include "mmu/pte.h"

namespace memvp::mmu {

namespace {
bool is_store(rv::Access a) { return a == rv::Access::Store || a == rv::Access::Amo; }
}  // namespace

bool leaf_permits(std::uint8_t flags, rv::Access access, const TranslationContext& ctx) {
  const Pte pte(flags);
  if (ctx.priv == rv::Priv::U) {
    // §12.3.1: "U-mode software may only access the page when U=1".
    if (!pte.u()) return false;
  } else if (pte.u()) {
    // §12.3.1: "Irrespective of SUM, the supervisor may not execute code on pages with U=1".
    if (access == rv::Access::Fetch) return false;
    // §12.1.1.2 (SUM): S-mode loads and stores to U=1 pages fault unless SUM=1.
    if (!ctx.sum) return false;
  }
  switch (access) {
    case rv::Access::Fetch:
      return pte.x();  // §12.3.1: fetch needs X
    case rv::Access::Load:
      return pte.r() || (ctx.mxr && pte.x());  // §12.1.1.2 (MXR): R, or X when MXR=1
    case rv::Access::Store:
    case rv::Access::Amo:
      return pte.w();  // §12.3.1: stores and AMOs need W (W implies R, step 3)
  }
  return false;
}

bool needs_ad_update(std::uint8_t flags, rv::Access access) {
  const Pte pte(flags);
  return !pte.a() || (is_store(access) && !pte.d());
}

}  // namespace memvp::mmu
