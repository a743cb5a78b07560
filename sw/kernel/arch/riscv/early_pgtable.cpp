// Hart 0's work in M-mode before any hart enables translation (head.S → early_setup): read the
// DTB and bootargs into boot_params/kernel_opts, then build swapper_pg_dir with 1 GiB leaves
// (§12.4 Sv39 / §12.5 Sv48 gigapages): the direct map of PA 0 … 64 GiB at PAGE_OFFSET and
// the image at KERNEL_LINK_ADDR. Sv48 adds one root entry (511) over the same next-level
// table, so the kernel half is one table in both modes. Runs at physical addresses.
#include "asm/boot.h"
#include "asm/csr.h"
#include "boot/bootargs.h"
#include "mm/mm.h"

alignas(PAGE_SIZE) pte_t swapper_pg_dir[PTRS_PER_PT];
// Sv48 only: the level-2 table under swapper_pg_dir[511], covering the top 512 GiB.
alignas(PAGE_SIZE) pte_t swapper_pud[PTRS_PER_PT];

namespace {

constexpr unsigned long DIRECT_MAP_GIB = 64;
// Index of a kernel VA in a table that covers the top 512 GiB with 1 GiB entries: the Sv39
// root, or the Sv48 table under root entry 511 (bits 38:30 either way).
constexpr unsigned pud_index(unsigned long va) { return (va >> 30) & 511; }

pte_t kernel_leaf(unsigned long pa, pte_t prot) { return pfn_pte(pa >> PAGE_SHIFT, prot | _PAGE_V | _PAGE_A | _PAGE_G); }

}  // namespace

extern "C" unsigned long early_setup(unsigned long hartid, const void* dtb)
{
    (void)hartid;
    boot_params_defaults(&boot_params);
    fdt_parse(dtb, &boot_params);
    parse_bootargs(boot_params.bootargs, &kernel_opts);

    pgtable_levels = kernel_opts.mmu_levels;
    pte_t* kernel_table = pgtable_levels == 4 ? swapper_pud : swapper_pg_dir;
    for (unsigned long i = 0; i < DIRECT_MAP_GIB; ++i)
        kernel_table[pud_index(PAGE_OFFSET) + i] = kernel_leaf(i * PUD_SIZE, _PAGE_R | _PAGE_W | _PAGE_D);
    kernel_table[pud_index(KERNEL_LINK_ADDR)] = kernel_leaf(KERNEL_LOAD_ADDR, _PAGE_R | _PAGE_W | _PAGE_X | _PAGE_D);
    if (pgtable_levels == 4) {
        swapper_pg_dir[PTRS_PER_PT - 1] = pfn_pte(reinterpret_cast<unsigned long>(swapper_pud) >> PAGE_SHIFT, _PAGE_V);
        return SATP_MODE_SV48 | reinterpret_cast<unsigned long>(swapper_pg_dir) >> 12;
    }
    return SATP_MODE_SV39 | reinterpret_cast<unsigned long>(swapper_pg_dir) >> 12;
}
