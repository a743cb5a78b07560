// Swap entries (Linux <linux/swapops.h>, arch/riscv/include/asm/pgtable.h __swp_entry): a page
// on swap is named by its device's type (the index in swap_info) and its slot offset there, and
// that name is kept in the PTE that mapped the page once reclaim unmaps it.
//
// A swap PTE (RISC-V, privileged spec §12.4.1 Figure "Sv39 page table entry"):
//   bit  0       V = 0: the hart faults on it (§12.3.2 step 3)
//   bits 1..8    R, W, X, U, G, A, D and the RSW bit _PAGE_PROT_NONE all 0
//   bits 9..13   swap type (MAX_SWAPFILES = 32 devices)
//   bits 14..63  slot offset
// So it is never pte_none (offset 0 is the header, never allocated), never pte_present (V and
// _PAGE_PROT_NONE clear: a PROT_NONE leaf keeps _PAGE_PROT_NONE set), never a table or a leaf.
// This kernel has no page migration, so there are no migration entries to tell apart.
#pragma once

#include "mm/pgtable.h"

struct swp_entry_t {
    unsigned long val;
    bool operator==(const swp_entry_t& o) const { return val == o.val; }
};

inline constexpr unsigned MAX_SWAPFILES_SHIFT = 5;
inline constexpr unsigned MAX_SWAPFILES = 1u << MAX_SWAPFILES_SHIFT;
inline constexpr unsigned SWP_TYPE_SHIFT = 9;
inline constexpr unsigned SWP_OFFSET_SHIFT = SWP_TYPE_SHIFT + MAX_SWAPFILES_SHIFT;  // 14
inline constexpr unsigned long SWP_OFFSET_MAX = (1UL << (64 - SWP_OFFSET_SHIFT)) - 1;
// Bits a swap PTE must have clear (V, R, W, X, U, G, A, D, _PAGE_PROT_NONE).
inline constexpr pte_t SWP_PTE_ZERO_MASK = (1UL << SWP_TYPE_SHIFT) - 1;

// The arch-independent entry (Linux swp_entry): type in the high bits, offset below.
inline swp_entry_t swp_entry(unsigned type, unsigned long offset)
{
    return {(static_cast<unsigned long>(type) << (64 - MAX_SWAPFILES_SHIFT)) | offset};
}
inline unsigned swp_type(swp_entry_t e) { return unsigned(e.val >> (64 - MAX_SWAPFILES_SHIFT)); }
inline unsigned long swp_offset(swp_entry_t e) { return e.val & ((1UL << (64 - MAX_SWAPFILES_SHIFT)) - 1); }

// Linux is_swap_pte: neither empty nor present.
inline bool is_swap_pte(pte_t pte) { return !pte_none(pte) && !pte_present(pte); }
// Linux swp_entry_to_pte / pte_to_swp_entry with the RISC-V layout above.
inline pte_t swp_entry_to_pte(swp_entry_t e)
{
    return (pte_t(swp_type(e)) << SWP_TYPE_SHIFT) | (pte_t(swp_offset(e)) << SWP_OFFSET_SHIFT);
}
inline swp_entry_t pte_to_swp_entry(pte_t pte)
{
    return swp_entry(unsigned((pte >> SWP_TYPE_SHIFT) & (MAX_SWAPFILES - 1)), pte >> SWP_OFFSET_SHIFT);
}
