// The platform file's [mmu] table (docs/mmu.md): each TLB level an array of tables
// ([[mmu.l1_dtlb]], one TLB array each), [mmu.pwc], the walker's timing and the A/D-bit and ASID
// behaviour, read into MmuConfig and checked by validate_mmu_config.
#pragma once

#include "common/config/key_table.h"
#include "mmu/mmu_config.h"

namespace memvp::mmu {

[[nodiscard]] const KeyTable<MmuConfig>& mmu_keys();

}  // namespace memvp::mmu
