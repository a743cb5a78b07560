// Page-table walker for Sv39 and Sv48 alike: one loop over the levels of the current mode
// (§12.3.2 "Virtual Address Translation Process", with LEVELS = 3 or 4), table pages from the
// buddy allocator counted per mm and globally, and range operations (map, unmap, protection
// change, freeing of empty tables) built on one recursive range walk.
#include "kernel/panic.h"
#include "mm/buddy.h"
#include "mm/mm_types.h"
#include "mm/vm_event.h"

pte_t* pte_table_ptr(pte_t pte) { return static_cast<pte_t*>(phys_to_virt(pfn_to_phys(pte_pfn(pte)))); }

pte_t* pte_alloc_one(mm_struct* mm)
{
    page* p = alloc_page(GFP_KERNEL | __GFP_ZERO);
    if (!p) return nullptr;
    if (mm) mm->nr_ptes++;
    count_vm_event(&memvp_vmstat::nr_page_table_pages);
    return static_cast<pte_t*>(page_address(p));
}

void pte_free(mm_struct* mm, pte_t* table)
{
    if (mm) mm->nr_ptes--;
    dec_vm_events(&memvp_vmstat::nr_page_table_pages, 1);
    free_pages(table, 0);
}

pte_t* walk_pgtable(pte_t* pgd, unsigned long va, int* level)
{
    if (!pgd) return nullptr;
    pte_t* table = pgd;
    for (int l = pgd_level();; --l) {
        pte_t* e = &table[pt_index(va, l)];
        // §12.3.2 step 3: V = 0 stops the walk; step 4: R, W or X set makes it a leaf.
        if (!pte_present(*e) || pte_leaf(*e) || l == 0) {
            *level = l;
            return e;
        }
        table = pte_table_ptr(*e);
    }
}

pte_t* pgtable_alloc_walk(mm_struct* mm, pte_t* pgd, unsigned long va, int level)
{
    pte_t* table = pgd;
    for (int l = pgd_level(); l > level; --l) {
        pte_t* e = &table[pt_index(va, l)];
        if (pte_leaf(*e)) return nullptr;
        if (pte_none(*e)) {
            pte_t* next = pte_alloc_one(mm);
            if (!next) return nullptr;
            // A non-leaf entry has only V (§12.3.1: D, A and U are reserved in non-leaf PTEs).
            *e = pfn_pte(phys_to_pfn(virt_to_phys(next)), _PAGE_V);
        }
        table = pte_table_ptr(*e);
    }
    return &table[pt_index(va, level)];
}

bool map_range(mm_struct* mm, pte_t* pgd, unsigned long va, PhysAddr pa, unsigned long size, pte_t prot,
               int leaf_level)
{
    const unsigned long step = pt_level_size(leaf_level);
    // §12.3.2 step 5: a superpage whose PPN is not aligned to its size is a page fault.
    if ((va | pa.value | size) & (step - 1)) return false;
    for (unsigned long off = 0; off < size; off += step) {
        pte_t* e = pgtable_alloc_walk(mm, pgd, va + off, leaf_level);
        if (!e || !pte_none(*e)) {
            unmap_range(mm, pgd, va, off);
            return false;
        }
        *e = mk_leaf(phys_to_pfn(PhysAddr{pa.value + off}), prot);
    }
    return true;
}

static walk_action walk_level(pte_t* table, int level, unsigned long start, unsigned long end, pt_walk* w)
{
    const unsigned long size = pt_level_size(level);
    unsigned long addr = start;
    while (addr < end) {
        const unsigned long base = addr & ~(size - 1);
        const unsigned long next = (base + size - 1 < end - 1) ? base + size : end;  // no overflow at the top
        pte_t* e = &table[pt_index(addr, level)];
        walk_action act = walk_action::next;
        // A swap entry: neither empty nor present (mm/swapops.h is_swap_pte).
        if (pte_leaf(*e) || (level == 0 && w->swap_entries && !pte_none(*e) && !pte_present(*e)))
            act = w->leaf(w, e, level, base);
        if (act == walk_action::stop) return act;
        if (pte_table(*e) && level > 0 && walk_level(pte_table_ptr(*e), level - 1, addr, next, w) == walk_action::stop)
            return walk_action::stop;
        if (next <= addr) break;
        addr = next;
    }
    return walk_action::next;
}

void walk_range(pte_t* pgd, unsigned long start, unsigned long end, pt_walk* w)
{
    if (start < end) walk_level(pgd, pgd_level(), start, end, w);
}

static bool table_empty(const pte_t* table)
{
    for (unsigned i = 0; i < PTRS_PER_PT; ++i)
        if (table[i]) return false;
    return true;
}

static void free_empty_level(mm_struct* mm, pte_t* table, int level, unsigned long start, unsigned long end,
                             list_head* deferred)
{
    const unsigned long size = pt_level_size(level);
    for (unsigned long addr = start; addr < end;) {
        const unsigned long base = addr & ~(size - 1);
        const unsigned long next = (base + size - 1 < end - 1) ? base + size : end;
        pte_t* e = &table[pt_index(addr, level)];
        if (pte_table(*e) && level > 0) {
            pte_t* child = pte_table_ptr(*e);
            free_empty_level(mm, child, level - 1, addr, next, deferred);
            if (table_empty(child)) {
                *e = 0;
                if (deferred)
                    list_add_tail(&virt_to_page(child)->lru, deferred);
                else
                    pte_free(mm, child);
            }
        }
        if (next <= addr) break;
        addr = next;
    }
}

void free_empty_tables(mm_struct* mm, pte_t* pgd, unsigned long start, unsigned long end, list_head* deferred)
{
    if (start < end) free_empty_level(mm, pgd, pgd_level(), start, end, deferred);
}

namespace {
struct range_arg {
    unsigned long start, end;
    pte_t prot;
};
}  // namespace

void unmap_range(mm_struct* mm, pte_t* pgd, unsigned long va, unsigned long size)
{
    range_arg arg{va, va + size, 0};
    pt_walk w{[](pt_walk* w, pte_t* e, int level, unsigned long addr) {
                  const range_arg* a = static_cast<const range_arg*>(w->priv);
                  if (addr >= a->start && addr + (pt_level_size(level) - 1) <= a->end - 1) *e = 0;
                  return walk_action::next;
              },
              &arg};
    walk_range(pgd, va, va + size, &w);
    if (mm) free_empty_tables(mm, pgd, va, va + size);
}

void change_range_prot(pte_t* pgd, unsigned long va, unsigned long size, pte_t prot)
{
    range_arg arg{va, va + size, prot};
    pt_walk w{[](pt_walk* w, pte_t* e, int, unsigned long) {
                  const range_arg* a = static_cast<const range_arg*>(w->priv);
                  *e = (*e & ~(_PAGE_LEAF | _PAGE_D | _PAGE_V | _PAGE_PROT_NONE)) | leaf_prot(a->prot & _PAGE_LEAF);
                  return walk_action::next;
              },
              &arg};
    walk_range(pgd, va, va + size, &w);
}

bool pgtable_translate(pte_t* pgd, unsigned long va, PhysAddr* pa, pte_t* leaf)
{
    int level = 0;
    pte_t* e = walk_pgtable(pgd, va, &level);
    if (!e || !pte_leaf(*e) || !(*e & _PAGE_V)) return false;  // PROT_NONE faults (§12.3.2 step 3)
    if (leaf) *leaf = *e;
    // §12.3.2 step 10: the page offset and, for a superpage, the low VPNs come from va.
    *pa = PhysAddr{(pte_pfn(*e) << PAGE_SHIFT) + (va & (pt_level_size(level) - 1))};
    return true;
}
