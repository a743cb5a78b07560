// Transparent huge pages (Linux mm/huge_memory.c): 2 MiB leaves (§12.4 megapages) for private
// anonymous memory whose aligned 2 MiB lies inside the VMA, by the policy always / madvise /
// never; copy-on-write copies the whole 2 MiB (falling back to splitting when no 2 MiB block
// is free); partial unmapping or protection changes split the leaf into 512 4 KiB leaves.
#include "kernel/panic.h"
#include "kernel/trace_event.h"
#include "mm/internal.h"

// Linux GFP_TRANSHUGE_LIGHT: no reclaim for a huge page, 4 KiB pages are the fallback.
static constexpr gfp_t GFP_TRANSHUGE = (GFP_HIGHUSER_MOVABLE & ~__GFP_RECLAIM) | __GFP_COMP | __GFP_NOWARN;

bool thp_vma_allowed(const vm_area_struct* vma)
{
    if (vma->vm_shared || vma->vm_file || (vma->vm_flags & VM_NOHUGEPAGE)) return false;
    switch (transparent_hugepage) {
    case THP_ALWAYS: return true;
    case THP_MADVISE: return vma->vm_flags & VM_HUGEPAGE;
    case THP_NEVER: return false;
    }
    return false;
}

bool thp_vma_suitable(const vm_area_struct* vma, unsigned long haddr)
{
    return haddr >= vma->vm_start && haddr + PMD_SIZE <= vma->vm_end;
}

vm_fault_t do_huge_pmd_anonymous_page(vm_area_struct* vma, unsigned long haddr, pte_t* pmd)
{
    page* p = alloc_pages(GFP_TRANSHUGE | __GFP_ZERO, HPAGE_PMD_ORDER);
    if (!p) {
        count_vm_event(&memvp_vmstat::thp_fault_fallback);
        return VM_FAULT_FALLBACK;
    }
    mm_struct* mm = vma->vm_mm;
    *pmd = mk_leaf(page_to_pfn(p), vm_get_page_prot(vma->vm_flags));
    mm->rss += HPAGE_PMD_NR;
    mm->thp_pages++;
    count_vm_event(&memvp_vmstat::thp_fault_alloc);
    trace_event(MEMVP_EV_THP_ALLOC, haddr);
    local_flush_tlb_page(haddr);
    return 0;
}

vm_fault_t do_huge_pmd_wp_page(vm_area_struct* vma, unsigned long haddr, pte_t* pmd)
{
    mm_struct* mm = vma->vm_mm;
    page* head = pfn_to_page(pte_pfn(*pmd));
    if (PageHead(head) && page_ref_count(head) == 1) {
        if (vma->vm_flags & VM_WRITE) *pmd = pte_mkwrite(*pmd);
        count_vm_event(&memvp_vmstat::cow_reuse);
        local_flush_tlb_page(haddr);
        return 0;
    }
    if (PageHead(head)) {
        page* p = alloc_pages(GFP_TRANSHUGE, HPAGE_PMD_ORDER);
        if (p) {
            __builtin_memcpy(page_address(p), page_address(head), PMD_SIZE);
            *pmd = mk_leaf(page_to_pfn(p), vm_get_page_prot(vma->vm_flags));
            flush_tlb_range(mm, haddr, haddr + PMD_SIZE);
            __free_pages(head, HPAGE_PMD_ORDER);
            count_vm_event(&memvp_vmstat::cow_copies);
            trace_event(MEMVP_EV_COW_COPY, haddr);
            return 0;
        }
    }
    // No 2 MiB block, or the frames were split already: COW the 4 KiB pages one by one.
    return split_huge_pmd(mm, pmd, haddr) ? VM_FAULT_FALLBACK : VM_FAULT_OOM;
}

void split_huge_page(page* head)
{
    if (!PageHead(head)) return;
    const int refs = page_ref_count(head);
    clear_page_flag(head, PG_head);
    head->order = 0;
    for (unsigned i = 1; i < HPAGE_PMD_NR; ++i) {
        clear_page_flag(head + i, PG_tail);
        head[i].head = nullptr;
        head[i].order = 0;
        set_page_count(head + i, refs);
    }
}

bool split_huge_pmd(mm_struct* mm, pte_t* pmd, unsigned long haddr)
{
    pte_t* table = pte_alloc_one(mm);
    if (!table) return false;
    const unsigned long pfn = pte_pfn(*pmd);
    const pte_t prot = pte_prot(*pmd);
    split_huge_page(pfn_to_page(pfn));
    for (unsigned i = 0; i < HPAGE_PMD_NR; ++i) table[i] = pfn_pte(pfn + i, prot);
    *pmd = pfn_pte(phys_to_pfn(virt_to_phys(table)), _PAGE_V);
    mm->thp_pages--;
    trace_event(MEMVP_EV_THP_SPLIT, haddr);
    // The superpage entry may sit in a TLB; the 4 KiB leaves replace it (§12.2.1).
    flush_tlb_range(mm, haddr, haddr + PMD_SIZE);
    return true;
}

bool split_huge_pmd_address(mm_struct* mm, unsigned long addr)
{
    if (addr & ~PMD_MASK) {
        int level = 0;
        pte_t* e = walk_pgtable(mm->pgd, addr, &level);
        if (e && level == 1 && pte_leaf(*e)) return split_huge_pmd(mm, e, addr & PMD_MASK);
    }
    return true;
}

void zap_huge_pmd(mmu_gather* tlb, mm_struct* mm, pte_t* pmd)
{
    page* head = pfn_to_page(pte_pfn(*pmd));
    *pmd = 0;
    if (PageHead(head))
        tlb_remove_pages(tlb, head, HPAGE_PMD_ORDER, 0);
    else
        tlb_remove_pages(tlb, head, 0, HPAGE_PMD_NR);
    mm->rss -= HPAGE_PMD_NR;
    mm->thp_pages--;
}

void get_huge_pmd_pages(pte_t pmd)
{
    page* head = pfn_to_page(pte_pfn(pmd));
    if (PageHead(head)) {
        get_page_ref(head);
        return;
    }
    for (unsigned i = 0; i < HPAGE_PMD_NR; ++i) get_page_ref(head + i);
}
