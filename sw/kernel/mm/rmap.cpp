// The reverse map of file pages (Linux mm/rmap.c, mm/memory.c unmap_mapping_range): i_mmap
// membership, the mapcount of page-cache pages with the Mapped counter, page_mkclean for
// write-back, the accessed-bit test and the unmap for reclaim, and the unmap of what a truncate
// cuts off. A page-cache page is told from a private copy in the same VMA by its (mapping,
// index), which only the page the cache holds for that offset has.
#include "mm/rmap.h"

#include "fs/file.h"
#include "kernel/panic.h"
#include "mm/internal.h"
#include "mm/mmap_lock.h"
#include "mm/swap_state.h"

void page_add_file_rmap(page* p)
{
    if (p->_mapcount++ == 0) count_vm_event(&memvp_vmstat::nr_mapped);
}

void page_remove_file_rmap(page* p)
{
    if (--p->_mapcount == 0) dec_vm_events(&memvp_vmstat::nr_mapped, 1);
}

void page_cache_drop_mapcount(page* p)
{
    if (p->_mapcount) dec_vm_events(&memvp_vmstat::nr_mapped, 1);
    p->_mapcount = 0;
}

bool vma_maps_file_page(const vm_area_struct* vma, unsigned long addr, const page* p)
{
    return p->mapping == &vma->vm_file->f_inode->i_data && p->index == linear_page_index(vma, addr);
}

void vma_link_file(vm_area_struct* vma) { list_add_tail(&vma->shared, &vma->vm_file->f_inode->i_data.i_mmap); }

void vma_unlink_file(vm_area_struct* vma) { list_del_init(&vma->shared); }

namespace {

struct rmap_arg {
    vm_area_struct* vma;
    int delta;
};

// Adds delta to the mapcount of each page-cache page vma maps in [start, end) (4 KiB leaves
// only: file pages are never mapped huge).
void file_vma_rmap_range(vm_area_struct* vma, unsigned long start, unsigned long end, int delta)
{
    rmap_arg arg{vma, delta};
    pt_walk w{[](pt_walk* w, pte_t* e, int level, unsigned long addr) {
                  auto* a = static_cast<rmap_arg*>(w->priv);
                  if (level != 0 || pte_pfn(*e) == zero_pfn()) return walk_action::next;
                  page* p = pfn_to_page(pte_pfn(*e));
                  if (!vma_maps_file_page(a->vma, addr, p)) return walk_action::next;
                  if (a->delta > 0) page_add_file_rmap(p);
                  else page_remove_file_rmap(p);
                  return walk_action::next;
              },
              &arg};
    walk_range(vma->vm_mm->pgd, start, end, &w);
}

}  // namespace

void unmap_file_vmas(mm_struct* mm, unsigned long start, unsigned long end)
{
    bool locked = false;
    for (vm_area_struct* vma = find_vma(mm, start); vma && vma->vm_start < end; vma = vma_next(mm, vma)) {
        if (!vma->vm_file) continue;
        if (!locked) vfs_lock();
        locked = true;
        file_vma_rmap_range(vma, start > vma->vm_start ? start : vma->vm_start, end < vma->vm_end ? end : vma->vm_end,
                            -1);
    }
    if (locked) vfs_unlock();
}

void dup_file_vma_rmap(vm_area_struct* vma)
{
    vfs_lock();
    file_vma_rmap_range(vma, vma->vm_start, vma->vm_end, 1);
    vfs_unlock();
}

namespace {

// vma's PTEs of file pages from index first on go (Linux unmap_mapping_range_vma); its mm's
// mmap_lock held, which fixes the VMA's bounds.
void unmap_vma_from(vm_area_struct* vma, unsigned long first)
{
    unsigned long start = vma->vm_start;
    if (first > vma->vm_pgoff) {
        if (first - vma->vm_pgoff >= vma_pages(vma)) return;
        start += (first - vma->vm_pgoff) << PAGE_SHIFT;
    }
    file_vma_rmap_range(vma, start, vma->vm_end, -1);  // the page-cache pages among them
    zap_page_range_single(vma->vm_mm, start, vma->vm_end);
}

unsigned long unmap_seq;  // numbers unmap_mapping_finish's passes; under the VFS lock

}  // namespace

void unmap_mapping_pages(address_space* mapping, unsigned long first)
{
    list_for_each_entry(vma, &mapping->i_mmap, vm_area_struct, shared) {
        mm_struct* mm = vma->vm_mm;
        if (!mmap_write_trylock(mm)) {
            // Faults there that come after the VFS lock see the new size: SIGBUS. Those PTEs
            // already there keep the old frames only until unmap_mapping_finish.
            if (!mapping->unmap_pending || first + 1 < mapping->unmap_pending) mapping->unmap_pending = first + 1;
            continue;
        }
        unmap_vma_from(vma, first);
        mmap_write_unlock(mm);
    }
}

void unmap_mapping_finish(address_space* mapping)
{
    vfs_lock();
    const unsigned long pending = mapping->unmap_pending;
    mapping->unmap_pending = 0;
    const unsigned long seq = ++unmap_seq;
    vfs_unlock();
    if (!pending) return;
    // Each address space mapping the file once (those done at once too: their mmap_lock may
    // have been taken since by a fork that copied PTEs nobody unmapped). An exiting one (no
    // user left) is skipped: exit_mmap unmaps everything. The mm stays allocated while one of
    // its VMAs is on i_mmap, which the VFS lock keeps.
    for (;;) {
        vfs_lock();
        mm_struct* mm = nullptr;
        list_for_each_entry(vma, &mapping->i_mmap, vm_area_struct, shared) {
            if (vma->vm_mm->unmap_seq != seq && mmget_not_zero(vma->vm_mm)) {
                mm = vma->vm_mm;
                break;
            }
        }
        vfs_unlock();
        if (!mm) return;
        mmap_write_lock(mm);
        vfs_lock();
        mm->unmap_seq = seq;
        list_for_each_entry(vma, &mapping->i_mmap, vm_area_struct, shared)
            if (vma->vm_mm == mm) unmap_vma_from(vma, pending - 1);
        vfs_unlock();
        mmap_write_unlock(mm);
        mmput(mm);
    }
}

namespace {

// Linux rmap_walk_file with rwc->try_lock: for each VMA on p's file's i_mmap (shared ones only
// when shared_only) whose range holds p's index, fn(vma, addr, pte) with the PTE at p's address
// when it maps p itself (not a private copy). Each address space is taken with
// mmap_write_trylock (its lock comes before the VFS lock, which the caller holds); a busy one is
// skipped and makes the walk return false, except the one whose fault this task is handling
// (current_fault_mm), whose lock it holds. The VMA's bounds change under its mm's lock (split,
// merge): they are read inside it.
template <class Fn>
bool rmap_walk_file(page* p, bool shared_only, Fn fn)
{
    bool all = true;
    list_for_each_entry(vma, &p->mapping->i_mmap, vm_area_struct, shared) {
        if (shared_only && !(vma->vm_flags & VM_SHARED)) continue;
        mm_struct* mm = vma->vm_mm;
        const bool held = mm == current_fault_mm();
        if (!held && !mmap_write_trylock(mm)) {
            all = false;
            continue;
        }
        if (p->index >= vma->vm_pgoff && p->index - vma->vm_pgoff < vma_pages(vma)) {
            const unsigned long addr = vma->vm_start + ((p->index - vma->vm_pgoff) << PAGE_SHIFT);
            int level;
            pte_t* e = walk_pgtable(mm->pgd, addr, &level);
            if (e && level == 0 && pte_leaf(*e) && pte_pfn(*e) == page_to_pfn(p)) fn(vma, addr, e);
        }
        if (!held) mmap_write_unlock(mm);
    }
    return all;
}

}  // namespace

bool page_mkclean(page* p)
{
    if (!page_mapped(p)) return true;
    // Private mappings map page-cache pages read-only; only shared ones may write them.
    return rmap_walk_file(p, true, [](vm_area_struct* vma, unsigned long addr, pte_t* e) {
        if (!pte_write(*e)) return;
        *e = pte_wrprotect(*e);
        flush_tlb_page(vma->vm_mm, addr);
    });
}

namespace {

struct referenced_arg {
    int referenced;
    unsigned long vm_flags;
};

// Linux folio_referenced_one for one PTE.
void referenced_one(vm_area_struct* vma, unsigned long addr, pte_t* e, void* arg)
{
    auto* a = static_cast<referenced_arg*>(arg);
    if (!ptep_test_and_clear_young(e)) return;
    if (clear_young_flush) flush_tlb_page(vma->vm_mm, addr);
    ++a->referenced;
    a->vm_flags |= vma->vm_flags;
}

}  // namespace

int page_referenced(page* p, unsigned long* vm_flags)
{
    *vm_flags = 0;
    if (!page_mapped(p)) return 0;
    referenced_arg a{0, 0};
    const bool all = PageAnon(p) ? rmap_walk_anon(p, referenced_one, &a)
                                 : rmap_walk_file(p, false, [&a](vm_area_struct* vma, unsigned long addr, pte_t* e) {
                                       referenced_one(vma, addr, e, &a);
                                   });
    *vm_flags = a.vm_flags;
    return all ? a.referenced : -1;
}

namespace {

// Linux try_to_unmap_one for an anonymous page in the swap cache: the PTE becomes its swap
// entry (one more user of the slot), flushed; the mapping and its page reference go.
void unmap_anon_one(vm_area_struct* vma, unsigned long addr, pte_t* e, void* arg)
{
    auto* p = static_cast<page*>(arg);
    const swp_entry_t entry{p->swap};
    if (swap_duplicate(entry)) return;  // the slot counts no more entries: stays mapped
    const pte_t old = __atomic_exchange_n(e, swp_entry_to_pte(entry), __ATOMIC_RELAXED);
    flush_tlb_page(vma->vm_mm, addr);
    if ((old & _PAGE_W) && (old & _PAGE_D)) set_page_flag(p, PG_dirty);
    page_remove_anon_rmap(p);
    vma->vm_mm->rss--;
    vma->vm_mm->swapents++;
    put_page(p);
}

}  // namespace

bool try_to_unmap(page* p)
{
    if (!page_mapped(p)) return true;
    if (PageAnon(p)) {
        BUG_ON(!PageSwapCache(p));
        rmap_walk_anon(p, unmap_anon_one, p);
        return !page_mapped(p);
    }
    // Linux try_to_unmap_one: clear, flush, then drop the PTE's reference; the table stays.
    rmap_walk_file(p, false, [p](vm_area_struct* vma, unsigned long addr, pte_t* e) {
        __atomic_store_n(e, pte_t(0), __ATOMIC_RELAXED);
        flush_tlb_page(vma->vm_mm, addr);
        page_remove_file_rmap(p);
        vma->vm_mm->rss--;
        put_page(p);
    });
    return !page_mapped(p);
}
