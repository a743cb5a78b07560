// Page faults on anonymous memory (Linux mm/memory.c): demand paging, the shared zero page for
// reads, copy-on-write after fork (do_wp_page: copy if the frame is shared, reuse it if this
// mapping is its only user), shared anonymous pages by index, and the unmapping of ranges with
// freeing deferred behind the TLB flush (mmu_gather). File mappings fault through their
// vm_ops (mm/filemap_fault.cpp).
#include "kernel/panic.h"
#include "kernel/trace_event.h"
#include "mm/internal.h"
#include "mm/mmap_lock.h"
#include "mm/rmap.h"
#include "mm/swap.h"
#include "mm/swap_state.h"

void zero_page_init()
{
    zero_page = alloc_page(GFP_KERNEL | __GFP_ZERO);
    if (!zero_page) panic("zero_page_init: no page for the zero page");
}

// --- mmu_gather ---

void tlb_gather_mmu(mmu_gather* tlb, mm_struct* mm, unsigned long start, unsigned long end)
{
    tlb->mm = mm;
    tlb->start = start;
    tlb->end = end;
    tlb->need_flush = false;
    tlb->freed_tables = false;
    INIT_LIST_HEAD(&tlb->tables);
    INIT_LIST_HEAD(&tlb->pages);
    tlb->nr = 0;
}

static void tlb_flush_and_free(mmu_gather* tlb)
{
    if (tlb->need_flush) {
        if (tlb->freed_tables) flush_tlb_mm(tlb->mm);
        else flush_tlb_range(tlb->mm, tlb->start, tlb->end);
    }
    tlb->need_flush = false;
    for (unsigned i = 0; i < tlb->nr; ++i) __free_pages(tlb->batch[i].p, tlb->batch[i].order);
    tlb->nr = 0;
    while (!list_empty(&tlb->pages)) {
        page* p = list_first_entry(&tlb->pages, page, lru);
        list_del(&p->lru);
        __free_pages(p, p->order);
    }
}

// A frame only this mapping references cannot gain a user while we hold the mm lock (new
// references come from mapping it, under this lock, or from reclaim's isolation, which
// lru_del_sole_user rules out by taking it off its LRU list), so it waits on an unbounded list;
// a frame others share waits in the batch, whose filling forces an early flush.
static void tlb_remove_one(mmu_gather* tlb, page* p, unsigned order)
{
    if (lru_del_sole_user(p)) {
        list_add_tail(&p->lru, &tlb->pages);
        return;
    }
    if (tlb->nr == sizeof(tlb->batch) / sizeof(tlb->batch[0])) tlb_flush_and_free(tlb);
    tlb->batch[tlb->nr++] = {p, order};
    tlb->need_flush = true;
}

void tlb_remove_pages(mmu_gather* tlb, page* p, unsigned order, unsigned nr)
{
    tlb->need_flush = true;
    if (nr == 0) {
        tlb_remove_one(tlb, p, order);
        return;
    }
    for (unsigned i = 0; i < nr; ++i) tlb_remove_one(tlb, p + i, 0);
}

void tlb_finish_mmu(mmu_gather* tlb)
{
    // Page-walk caches may hold the freed tables' entries, and sfence.vma with an address
    // invalidates only leaf translations for it (priv. spec §12.2.1: non-leaf entries need
    // rs1 = x0), so emptied tables cost a flush of the whole ASID (as Linux's riscv tlb_flush
    // does when mmu_gather freed_tables) before their frames go back.
    if (!list_empty(&tlb->tables)) tlb->need_flush = tlb->freed_tables = true;
    tlb_flush_and_free(tlb);
    while (!list_empty(&tlb->tables)) {
        page* p = list_first_entry(&tlb->tables, page, lru);
        list_del(&p->lru);
        pte_free(tlb->mm, static_cast<pte_t*>(page_address(p)));
    }
}

// --- unmapping ---

namespace {
struct zap_arg {
    mmu_gather* tlb;
    mm_struct* mm;
    unsigned long start, end;
};
}  // namespace

void zap_page_range(mmu_gather* tlb, mm_struct* mm, unsigned long start, unsigned long end)
{
    zap_arg arg{tlb, mm, start, end};
    pt_walk w{[](pt_walk* w, pte_t* e, int level, unsigned long addr) {
                  auto* a = static_cast<zap_arg*>(w->priv);
                  BUG_ON(level > 1 || addr < a->start || addr + (pt_level_size(level) - 1) > a->end - 1);
                  if (is_swap_pte(*e)) {  // not mapped: nothing to flush
                      const swp_entry_t entry = pte_to_swp_entry(*e);
                      *e = 0;
                      a->mm->swapents--;
                      free_swap_and_cache(entry);
                      return walk_action::next;
                  }
                  if (level == 1) {
                      zap_huge_pmd(a->tlb, a->mm, e);
                      return walk_action::next;
                  }
                  const unsigned long pfn = pte_pfn(*e);
                  *e = 0;
                  a->tlb->need_flush = true;
                  if (pfn == zero_pfn()) {
                      a->mm->rss_zero--;
                  } else {
                      page* p = pfn_to_page(pfn);
                      if (page_in_anon_rmap(p)) {
                          page_remove_anon_rmap(p);
                          free_swap_cache(p);  // the PTE's reference, still held, keeps p
                      }
                      tlb_remove_pages(a->tlb, p, 0, 0);
                      a->mm->rss--;
                  }
                  return walk_action::next;
              },
              &arg, true};
    walk_range(mm->pgd, start, end, &w);
}

int zap_user_range(mm_struct* mm, unsigned long start, unsigned long end)
{
    if (!split_huge_pmd_address(mm, start) || !split_huge_pmd_address(mm, end)) return -ENOMEM;
    unmap_file_vmas(mm, start, end);
    zap_page_range_single(mm, start, end);
    return 0;
}

void zap_page_range_single(mm_struct* mm, unsigned long start, unsigned long end)
{
    mmu_gather tlb;
    tlb_gather_mmu(&tlb, mm, start, end);
    zap_page_range(&tlb, mm, start, end);
    free_empty_tables(mm, mm->pgd, start, end, &tlb.tables);
    tlb_finish_mmu(&tlb);
}

// --- faults ---

// Linux do_anonymous_page (and shmem_fault for MAP_SHARED): the first touch of a page.
static vm_fault_t do_anonymous_page(vm_area_struct* vma, unsigned long addr, pte_t* pte, bool write)
{
    mm_struct* mm = vma->vm_mm;
    const pte_t prot = vm_get_page_prot(vma->vm_flags);
    if (vma->vm_shared) {
        page* p = shmem_find_or_alloc(vma->vm_shared, vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT));
        if (!p) return VM_FAULT_OOM;
        get_page_ref(p);
        *pte = mk_leaf(page_to_pfn(p), prot);
        mm->rss++;
    } else if (!write) {
        // A read maps the one zero page read-only; the first write replaces it (do_wp_page).
        *pte = mk_leaf(zero_pfn(), prot & ~_PAGE_W);
        mm->rss_zero++;
        count_vm_event(&memvp_vmstat::zero_page_maps);
        trace_event(MEMVP_EV_ZERO_PAGE, addr);
    } else {
        if (anon_vma_prepare(vma)) return VM_FAULT_OOM;
        page* p = alloc_page(GFP_HIGHUSER_ZERO);
        if (!p) return VM_FAULT_OOM;
        page_add_new_anon_rmap(p, vma, addr);
        lru_cache_add_anon(p);
        *pte = mk_leaf(page_to_pfn(p), prot);
        mm->rss++;
    }
    local_flush_tlb_page(addr);
    return 0;
}

// Linux do_wp_page: a write to a present read-only PTE inside a writable VMA (or a forced
// kernel write). The PTE keeps the VMA's permissions, so a forced write leaves it read-only.
static vm_fault_t do_wp_page(vm_area_struct* vma, unsigned long addr, pte_t* pte)
{
    mm_struct* mm = vma->vm_mm;
    const pte_t prot = vm_get_page_prot(vma->vm_flags);
    const unsigned long pfn = pte_pfn(*pte);
    if (pfn == zero_pfn()) {
        if (anon_vma_prepare(vma)) return VM_FAULT_OOM;
        page* p = alloc_page(GFP_HIGHUSER_ZERO);
        if (!p) return VM_FAULT_OOM;
        page_add_new_anon_rmap(p, vma, addr);
        lru_cache_add_anon(p);
        *pte = mk_leaf(page_to_pfn(p), prot);
        mm->rss_zero--;
        mm->rss++;
        flush_tlb_page(mm, addr);
        return 0;
    }
    page* old = pfn_to_page(pfn);
    // Linux wp_can_reuse_anon_folio: a page whose only other holder is the swap cache gives up
    // its slot (no other entry naming it) and is reused; its copy on swap is stale from now on.
    if (!vma->vm_shared && PageSwapCache(old) && page_ref_count(old) == 2) {
        swap_cache_lock();
        try_to_free_swap(old);
        swap_cache_unlock();
    }
    if (vma->vm_shared || page_ref_count(old) == 1) {
        // wp_page_reuse: nobody else maps the frame (or it is meant to be shared).
        if (vma->vm_flags & VM_WRITE) *pte = pte_mkwrite(*pte);
        if (!vma->vm_shared) count_vm_event(&memvp_vmstat::cow_reuse);
        local_flush_tlb_page(addr);
        return 0;
    }
    // wp_page_copy: the frame is shared with another address space; take a private copy. The
    // allocation may reclaim, which may unmap old here (swap it out): held, and the PTE checked
    // again after, as Linux does under the PTE lock.
    if (anon_vma_prepare(vma)) return VM_FAULT_OOM;
    const pte_t orig = *pte;
    get_page_ref(old);
    page* p = alloc_page(GFP_HIGHUSER_MOVABLE);
    if (!p || !pte_present(*pte) || pte_pfn(*pte) != pte_pfn(orig)) {
        if (p) __free_page(p);
        put_page(old);
        return p ? 0 : VM_FAULT_OOM;  // 0: the access is retried
    }
    put_page(old);  // the PTE still holds it
    __builtin_memcpy(page_address(p), page_address(old), PAGE_SIZE);
    page_add_new_anon_rmap(p, vma, addr);
    lru_cache_add_anon(p);
    *pte = mk_leaf(page_to_pfn(p), prot);
    flush_tlb_page(mm, addr);  // no hart may keep using the old frame once our reference goes
    if (page_in_anon_rmap(old)) page_remove_anon_rmap(old);
    __free_page(old);
    count_vm_event(&memvp_vmstat::cow_copies);
    trace_event(MEMVP_EV_COW_COPY, addr);
    return 0;
}

static bool access_error(const vm_area_struct* vma, unsigned int flags)
{
    if (flags & FAULT_FLAG_WRITE) return !(vma->vm_flags & VM_WRITE);
    if (flags & FAULT_FLAG_INSTRUCTION) return !(vma->vm_flags & VM_EXEC);
    return !(vma->vm_flags & (VM_READ | VM_WRITE));  // W implies R (§12.3.1: W without R is reserved)
}

vm_fault_t __handle_mm_fault(vm_area_struct* vma, unsigned long addr, unsigned int flags, bool force)
{
    mm_struct* mm = vma->vm_mm;
    if (addr < vma->vm_start || addr >= vma->vm_end) return VM_FAULT_SIGSEGV;
    if (!force && access_error(vma, flags)) return VM_FAULT_SIGSEGV;
    const bool write = flags & FAULT_FLAG_WRITE;
    const unsigned long haddr = addr & PMD_MASK;

    pte_t* pmd = pgtable_alloc_walk(mm, mm->pgd, addr, 1);
    if (!pmd) return VM_FAULT_OOM;
    // Reads of untouched memory take the 4 KiB zero page; a write may get a 2 MiB page.
    if (pte_none(*pmd) && write && thp_vma_allowed(vma) && thp_vma_suitable(vma, haddr)) {
        vm_fault_t r = do_huge_pmd_anonymous_page(vma, haddr, pmd);
        if (r != VM_FAULT_FALLBACK) return r;
    }
    if (pte_leaf(*pmd)) {
        if (!write || pte_write(*pmd)) {
            ptep_mkyoung(pmd);
            local_flush_tlb_page(addr);  // spurious: another hart got there first, or a stale TLB entry
            return 0;
        }
        vm_fault_t r = do_huge_pmd_wp_page(vma, haddr, pmd);
        if (r != VM_FAULT_FALLBACK) return r;  // else the leaf is now a table of 4 KiB leaves
    }
    pte_t* pte = pgtable_alloc_walk(mm, mm->pgd, addr, 0);
    if (!pte) return VM_FAULT_OOM;
    if (is_swap_pte(*pte)) {
        // An anonymous page on swap, in anonymous memory or a private file mapping's copy.
        const vm_fault_t r = do_swap_page(vma, addr, pte, flags);
        if ((r & VM_FAULT_ERROR) || !write || !pte_present(*pte) || pte_write(*pte)) return r;  // done, or retried
        return r | do_wp_page(vma, addr, pte);
    }
    if (vma->vm_ops && (pte_none(*pte) || (write && !pte_write(*pte)))) {
        const vm_fault_t r = vma->vm_ops->fault(vma, addr, pte, flags);  // a file mapping
        if (r != VM_FAULT_FALLBACK) return r;  // else a private copy: do_wp_page decides
    }
    if (pte_none(*pte)) return do_anonymous_page(vma, addr, pte, write);
    if (write && !pte_write(*pte)) return do_wp_page(vma, addr, pte);
    ptep_mkyoung(pte);  // A cleared by reclaim's aging, on a hart that does not set it itself
    local_flush_tlb_page(addr);
    return 0;
}

vm_fault_t mm_account_fault(mm_struct* mm, vm_fault_t result)
{
    count_vm_event(&memvp_vmstat::pgfault);
    if (result & VM_FAULT_ERROR) return result;
    // Linux mm_account_fault: a fault that read its page from disk is major.
    if (result & VM_FAULT_MAJOR) {
        count_vm_event(&memvp_vmstat::pgmajfault);
        mm->maj_flt++;
    } else {
        mm->min_flt++;
    }
    return result;
}

vm_fault_t handle_locked_fault(vm_area_struct* vma, unsigned long addr, unsigned int flags, bool force)
{
    mm_struct* const outer = current_fault_mm();
    set_current_fault_mm(vma->vm_mm);
    const vm_fault_t r = __handle_mm_fault(vma, addr, flags, force);
    set_current_fault_mm(outer);
    return mm_account_fault(vma->vm_mm, r);
}

vm_fault_t handle_mm_fault(vm_area_struct* vma, unsigned long addr, unsigned int flags)
{
    mmap_write_guard guard(vma->vm_mm);
    return handle_locked_fault(vma, addr, flags, false);
}

vm_fault_t handle_user_fault(mm_struct* mm, unsigned long addr, unsigned int flags)
{
    mmap_write_guard guard(mm);
    vm_area_struct* vma = find_vma(mm, addr);
    if (!vma || vma->vm_start > addr) return VM_FAULT_SIGSEGV;  // no VMA: Linux bad_area
    return handle_locked_fault(vma, addr, flags, false);
}
