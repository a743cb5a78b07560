// The leaf permission check of §12.3.2 steps 6 and 8, shared by the walker and by TLB hits (which
// check the cached PTE bits the same way).
#pragma once

#include <cstdint>

#include "common/riscv.h"
#include "mmu/translation.h"

namespace memvp::mmu {

// True if a leaf with these V R W X U G A D flags grants `access` at ctx.priv under ctx.sum and
// ctx.mxr. A/D bits are not checked here (step 9).
bool leaf_permits(std::uint8_t flags, rv::Access access, const TranslationContext& ctx);

// True if the access needs an A or D update: A=0, or a store/AMO with D=0 (§12.3.2 step 9).
bool needs_ad_update(std::uint8_t flags, rv::Access access);

}  // namespace memvp::mmu
