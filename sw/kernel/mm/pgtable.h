// RISC-V page tables (privileged spec §12.3 Sv32 layout, §12.4 Sv39, §12.5 Sv48): the PTE
// format, the kernel's virtual layout, and one walker over a level table that serves Sv39 and
// Sv48 alike (levels 0 = 4 KiB PTEs, 1 = 2 MiB, 2 = 1 GiB, 3 = 512 GiB; the root is level
// pgtable_levels - 1). Host-compilable: tables live in buddy pages reached through the direct map.
#pragma once

#include "kernel/types.h"

using pte_t = u64;

struct mm_struct;

// PTE bits (§12.3.1 / §12.4, Figure "Sv39 page table entry").
inline constexpr pte_t _PAGE_V = 1UL << 0;
inline constexpr pte_t _PAGE_R = 1UL << 1;
inline constexpr pte_t _PAGE_W = 1UL << 2;
inline constexpr pte_t _PAGE_X = 1UL << 3;
inline constexpr pte_t _PAGE_U = 1UL << 4;
inline constexpr pte_t _PAGE_G = 1UL << 5;
inline constexpr pte_t _PAGE_A = 1UL << 6;
inline constexpr pte_t _PAGE_D = 1UL << 7;
inline constexpr pte_t _PAGE_LEAF = _PAGE_R | _PAGE_W | _PAGE_X;  // any of R/W/X set: a leaf (§12.3.2 step 4)
// RSW bit 8, free for software (§12.3.1): a PROT_NONE leaf. V is clear, so the hart faults on
// it, while the kernel still sees the page it maps (Linux riscv _PAGE_PROT_NONE).
inline constexpr pte_t _PAGE_PROT_NONE = 1UL << 8;
inline constexpr unsigned _PAGE_PFN_SHIFT = 10;                     // PPN starts at bit 10
inline constexpr pte_t _PAGE_PFN_MASK = ((1UL << 44) - 1) << _PAGE_PFN_SHIFT;  // PPN: bits 53..10

inline constexpr unsigned long PMD_SHIFT = 21;
inline constexpr unsigned long PUD_SHIFT = 30;
inline constexpr unsigned long PMD_SIZE = 1UL << PMD_SHIFT;  // 2 MiB megapage
inline constexpr unsigned long PUD_SIZE = 1UL << PUD_SHIFT;  // 1 GiB gigapage
inline constexpr unsigned long PMD_MASK = ~(PMD_SIZE - 1);
inline constexpr unsigned PTRS_PER_PT = 512;                 // 4 KiB table of 8-byte PTEs
inline constexpr unsigned HPAGE_PMD_ORDER = PMD_SHIFT - PAGE_SHIFT;  // 9
inline constexpr unsigned HPAGE_PMD_NR = 1U << HPAGE_PMD_ORDER;      // 512

// Kernel virtual layout (docs/kernel.md).
inline constexpr unsigned long PAGE_OFFSET = 0xffffffc000000000UL;
inline constexpr unsigned long VMALLOC_START = 0xffffffd000000000UL;
inline constexpr unsigned long VMALLOC_END = VMALLOC_START + (8UL << 30);
inline constexpr unsigned long KERNEL_LINK_ADDR = 0xffffffff80000000UL;
// Root entries from here on map the kernel half; every process shares them (Sv39 and Sv48).
inline constexpr unsigned KERNEL_PGD_FIRST = 256;

// The paging mode, one row of the level table (STYLE rule 7). satp.MODE values: §12.1.11.
struct pgtable_mode {
    const char* name;
    int levels;
    unsigned va_bits;
    unsigned satp_mode;
};
inline constexpr pgtable_mode pgtable_modes[] = {
    {"sv39", 3, 39, 8},
    {"sv48", 4, 48, 9},
};

// 3 = Sv39, 4 = Sv48; set from bootargs (mmu=sv48) before any page table is built.
inline int pgtable_levels = 3;

inline const pgtable_mode& current_pgtable_mode() { return pgtable_modes[pgtable_levels == 4 ? 1 : 0]; }
inline unsigned long satp_mode() { return current_pgtable_mode().satp_mode; }

// User addresses are [0, task_size()): the lower half of the VA space (Sv39 256 GiB, Sv48 128 TiB).
inline unsigned long task_size() { return 1UL << (current_pgtable_mode().va_bits - 1); }

// The kernel's root table: defined by the arch code on the guest, by mm/host on the host.
extern pte_t swapper_pg_dir[PTRS_PER_PT];

// Level geometry: VPN[level] is VA bits 12 + 9*level ... 20 + 9*level (§12.4.1, §12.5.1).
inline unsigned pt_level_shift(int level) { return PAGE_SHIFT + 9 * unsigned(level); }
inline unsigned long pt_level_size(int level) { return 1UL << pt_level_shift(level); }
inline unsigned pt_index(unsigned long va, int level) { return (va >> pt_level_shift(level)) & (PTRS_PER_PT - 1); }
inline int pgd_level() { return pgtable_levels - 1; }

// PTE helpers (Linux pte_present, pte_pfn, pfn_pte ...).
inline bool pte_none(pte_t pte) { return pte == 0; }
inline bool pte_present(pte_t pte) { return pte & (_PAGE_V | _PAGE_PROT_NONE); }
inline bool pte_leaf(pte_t pte) { return ((pte & _PAGE_V) && (pte & _PAGE_LEAF)) || (pte & _PAGE_PROT_NONE); }
inline bool pte_table(pte_t pte) { return (pte & _PAGE_V) && !(pte & _PAGE_LEAF); }
inline bool pte_write(pte_t pte) { return pte & _PAGE_W; }
inline unsigned long pte_pfn(pte_t pte) { return (pte & _PAGE_PFN_MASK) >> _PAGE_PFN_SHIFT; }
inline pte_t pfn_pte(unsigned long pfn, pte_t prot) { return (pte_t(pfn) << _PAGE_PFN_SHIFT) | prot; }
inline pte_t pte_wrprotect(pte_t pte) { return pte & ~(_PAGE_W | _PAGE_D); }
inline pte_t pte_mkwrite(pte_t pte) { return pte | _PAGE_W | _PAGE_D; }
inline pte_t pte_prot(pte_t pte) { return pte & ~_PAGE_PFN_MASK; }
inline bool pte_young(pte_t pte) { return pte & _PAGE_A; }
// Clears A in a live PTE and says whether it was set (Linux ptep_test_and_clear_young). Atomic,
// since a hart's walker may set A or D in the same PTE meanwhile (§12.3.2 step 9 does so
// atomically as well).
inline bool ptep_test_and_clear_young(pte_t* ptep)
{
    return __atomic_fetch_and(ptep, ~_PAGE_A, __ATOMIC_RELAXED) & _PAGE_A;
}
// Sets A in a live PTE (Linux ptep_set_access_flags with pte_mkyoung): a hart without hardware
// A/D updating (Svade, §12.3.2 step 9) faults on a leaf whose A reclaim cleared.
inline void ptep_mkyoung(pte_t* ptep) { __atomic_fetch_or(ptep, _PAGE_A, __ATOMIC_RELAXED); }
// The bits of a new leaf with permissions prot (R/W/X/U/G): A always, D with W (docs/kernel.md:
// the kernel never relies on the hart updating them, §12.3.1 allows either); no R/W/X at all
// makes a PROT_NONE leaf.
inline pte_t leaf_prot(pte_t prot)
{
    pte_t bits = (prot & (_PAGE_LEAF | _PAGE_U | _PAGE_G)) | _PAGE_A;
    if (!(bits & _PAGE_LEAF)) return bits | _PAGE_PROT_NONE;
    bits |= _PAGE_V;
    return (bits & _PAGE_W) ? bits | _PAGE_D : bits;
}
inline pte_t mk_leaf(unsigned long pfn, pte_t prot) { return pfn_pte(pfn, leaf_prot(prot)); }
// Next-level table of a non-leaf entry, through the direct map.
pte_t* pte_table_ptr(pte_t pte);

// --- walker (mm/pgtable.cpp) ---

// The entry that maps va: a leaf at any level, or the first invalid entry on the way down;
// *level receives its level. Never allocates. nullptr only if pgd is nullptr.
pte_t* walk_pgtable(pte_t* pgd, unsigned long va, int* level);

// The entry at `level` for va, allocating missing tables below the root on the way (each
// counted in mm->nr_ptes and vm_events.nr_page_table_pages; mm nullptr = kernel tables).
// nullptr when a table page cannot be allocated or a leaf above `level` is in the way.
pte_t* pgtable_alloc_walk(mm_struct* mm, pte_t* pgd, unsigned long va, int level);

// A zeroed table page / freeing one, with the same accounting.
pte_t* pte_alloc_one(mm_struct* mm);
void pte_free(mm_struct* mm, pte_t* table);

// Map [va, va + size) to [pa, pa + size) with leaves of pt_level_size(leaf_level) (0 = 4 KiB,
// 1 = 2 MiB; va, pa and size aligned to it, §12.3.2: a misaligned superpage faults). prot holds
// R/W/X/U/G; A is always set and D on writable leaves. Returns false when a table page cannot
// be allocated or something is mapped there already (what was mapped before stays).
bool map_range(mm_struct* mm, pte_t* pgd, unsigned long va, PhysAddr pa, unsigned long size, pte_t prot,
               int leaf_level);
// Clear the leaves of [va, va + size) (no page is freed; the caller owns the frames; a 2 MiB
// leaf is cleared only if the range covers it whole). User tables (mm not nullptr) left empty
// are freed; kernel tables stay, since every process's root shares them.
void unmap_range(mm_struct* mm, pte_t* pgd, unsigned long va, unsigned long size);
// Replace the R/W/X bits of every leaf in [va, va + size) (A kept, D with W).
void change_range_prot(pte_t* pgd, unsigned long va, unsigned long size, pte_t prot);
// Free every empty table under entries covering [start, end) (never the root). With deferred,
// the emptied tables are unhooked and put on that list (page lru) instead, for the caller to
// pte_free after its TLB flush (Linux mmu_gather freed_tables).
struct list_head;
void free_empty_tables(mm_struct* mm, pte_t* pgd, unsigned long start, unsigned long end,
                       list_head* deferred = nullptr);
// Visit every valid leaf overlapping [start, end), in address order (Linux walk_page_range).
// leaf() gets the entry, its level and the address its span starts at; it returns what next.
enum class walk_action { next, descend, stop };  // descend: the entry now points at a table
struct pt_walk {
    walk_action (*leaf)(pt_walk* w, pte_t* entry, int level, unsigned long addr);
    void* priv;
    bool swap_entries = false;  // leaf() also gets the 4 KiB entries that hold a swap entry (mm/swapops.h)
};
void walk_range(pte_t* pgd, unsigned long start, unsigned long end, pt_walk* w);

// Translate va as the hardware would (no permission check): physical address, or false.
bool pgtable_translate(pte_t* pgd, unsigned long va, PhysAddr* pa, pte_t* leaf = nullptr);
