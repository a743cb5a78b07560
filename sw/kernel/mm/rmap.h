// The reverse map (Linux mm/rmap.c). Anonymous pages: below, "anonymous pages". File pages: each file's VMAs on its
// address_space::i_mmap, each page-cache page's count of the PTEs that map it (_mapcount,
// counted from 0, where Linux starts at -1) and the Mapped figure (nr_mapped: page-cache pages
// mapped at least once), page_mkclean, which write-protects a page's shared mappings before
// its write-back, reclaim's page_referenced and try_to_unmap, and the unmap of a truncated
// range from every mapping. Every function here runs under the VFS lock unless it says
// otherwise.
#pragma once

#include "mm/mm.h"
#include "kernel/mutex.h"
#include "mm/pagemap.h"

inline int page_mapcount(const page* p) { return p->_mapcount; }
inline bool page_mapped(const page* p) { return p->_mapcount > 0; }

// The page index in vma's file that addr maps (Linux linear_page_index).
inline unsigned long linear_page_index(const vm_area_struct* vma, unsigned long addr)
{
    return vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT);
}

// One PTE more / fewer maps the page-cache page p (Linux page_add_file_rmap /
// page_remove_rmap): the first counts it in nr_mapped, the last takes it out.
void page_add_file_rmap(page* p);
void page_remove_file_rmap(page* p);
// p leaves the page cache (truncate) while PTEs may still map it: it is no page-cache page
// any more, so it stops counting as Mapped; the PTEs keep the frame until they go.
void page_cache_drop_mapcount(page* p);

// True when p is vma's file page at addr (not a private anonymous copy).
bool vma_maps_file_page(const vm_area_struct* vma, unsigned long addr, const page* p);

// vma joins / leaves its file's i_mmap (Linux vma_link_file / unlink_file_vma).
void vma_link_file(vm_area_struct* vma);
void vma_unlink_file(vm_area_struct* vma);

// Before the PTEs of [start, end) of mm are zapped (munmap, exit, MADV_DONTNEED): the file
// VMAs in the range stop counting the page-cache pages they map. Takes the VFS lock itself;
// mm->mmap_lock held.
void unmap_file_vmas(mm_struct* mm, unsigned long start, unsigned long end);
// fork copied the PTEs of the private file VMA vma (child's): its page-cache pages gain a
// mapping each. Takes the VFS lock itself; the child's mm is not yet visible to anyone.
void dup_file_vma_rmap(vm_area_struct* vma);

// Write-protects every PTE of a shared mapping of p (Linux page_mkclean), so that the next
// store faults and dirties p again; for write-back, before p is cleaned. The address spaces
// are locked with mmap_write_trylock, since a fault may hold one while it waits for the VFS
// lock: false when one was busy and a PTE there may still be writable (p must stay dirty).
bool page_mkclean(page* p);

// The address space whose page fault the current task is handling, with its mmap_lock held
// for writing (nullptr outside one; mm/memory.cpp sets it). Reclaim run by that fault's
// allocations may age and unmap that address space's pages although its lock is taken: the
// fault path re-checks its PTE after each allocation, as Linux does under the PTE lock.
// Defined with the tasks (proc/kswapd.cpp; the host build keeps one for its single thread).
mm_struct* current_fault_mm();
void set_current_fault_mm(mm_struct* mm);

// Whether reclaim flushes a PTE from the TLBs when it clears its accessed bit. Off, as Linux
// on RISC-V and x86 (ptep_clear_flush_young only clears A): a hart that keeps the entry in its
// TLB sets A again only once the entry is gone, so a page in use may look idle. On, as the
// generic and arm64 ptep_clear_flush_young: every clear that found A set costs a flush (a
// shootdown when other harts may cache the address space). The clear_young_flush= bootarg.
inline bool clear_young_flush = false;

// Linux folio_referenced for a page-cache or anonymous page: test and clear the accessed bit of
// every PTE that maps p (address spaces taken as page_mkclean takes them, or the faulting one's
// as it is; an anonymous page's through rmap_walk_anon, without the VFS lock).
// The number of PTEs that had
// it, with the union of their VMAs' flags in *vm_flags; -1 when an address space was busy
// (Linux's contended try_lock: the caller keeps the page for a later pass).
int page_referenced(page* p, unsigned long* vm_flags);
// Linux try_to_unmap: every PTE that maps p goes, each flushed from the harts that may cache
// it, the PTEs' references dropped. A page-cache page's in shared and private mappings; an
// anonymous page (in the swap cache) has each PTE replaced by its swap entry, through
// rmap_walk_anon, and is marked dirty if a PTE was writable and dirty.
// Page tables are never freed here (a fault in progress may hold a pointer into one). False
// when p is still mapped (an address space was busy).
bool try_to_unmap(page* p);

// A truncate removes the file's pages from index first on (Linux unmap_mapping_range with
// even_cows, from truncate_pagecache): every mapping's PTEs there go, page-cache pages and
// private copies alike, so that a later access faults and, past the new end of file, gets
// SIGBUS. Called under the VFS lock with the new size already decided, before the pages leave
// the cache. An address space is locked with mmap_write_trylock (its lock comes before the VFS
// lock); a busy one is left for unmap_mapping_finish (mapping->unmap_pending).
void unmap_mapping_pages(address_space* mapping, unsigned long first);
// After the truncating system call dropped the VFS lock: the address spaces that were busy are
// unmapped now, each under its mmap_lock and then the VFS lock, as a fault takes them.
void unmap_mapping_finish(address_space* mapping);

// --- anonymous pages (Linux anon_vma, mm/rmap.c; mm/anon_rmap.cpp) ---
//
// An anonymous page points at an anon_vma (page->mapping with PAGE_MAPPING_ANON set) whose list
// holds every VMA that may map it: the VMA it was faulted in, the parts a split made of it, and
// the copies fork made of them, in every descendant. Its index is its linear page index in the
// VMA (vm_pgoff + page offset; an anonymous VMA's vm_pgoff is its start address in pages, kept
// by splits and merges), so each VMA on the list gives the one address where it may map the
// page. As in Linux, a VMA is on several anon_vmas through its anon_vma_chain entries: fork puts
// the child's VMA on each of its parent's and gives it one of its own for the pages it faults
// in itself, so that the parent is not visited for the child's own pages. _mapcount counts the
// PTEs that map the page. Compound (huge) pages and shared anonymous memory are not in the anon
// rmap.
struct anon_vma {
    mutex lock;          // the list; a walk holds it (reclaim takes it with mutex_trylock)
    list_head vmas;      // anon_vma_chain::same_anon_vma
    int refcount;        // chain entries plus pages pointing at it (plus its fork children's)
    // The fork family's oldest anon_vma (itself for one made without a parent), on which every
    // VMA of the family is: a page that more than one of them may map points there (Linux
    // __folio_set_anon for a page not exclusive to its VMA). Referenced.
    anon_vma* root;
};

// One VMA on one anon_vma (Linux struct anon_vma_chain).
struct anon_vma_chain {
    vm_area_struct* vma;
    anon_vma* av;
    list_head same_vma;       // vm_area_struct::anon_vma_chain
    list_head same_anon_vma;  // anon_vma::vmas
};

inline anon_vma* page_anon_vma(const page* p)
{
    return reinterpret_cast<anon_vma*>(reinterpret_cast<unsigned long>(p->mapping) & ~PAGE_MAPPING_ANON);
}
// An order-0 page in the anon rmap (not part of a huge page).
inline bool page_in_anon_rmap(const page* p) { return PageAnon(p) && !PageHead(p) && !PageTail(p); }

// Linux anon_vma_prepare: vma (private, mmap_lock held for writing) gets its anon_vma before
// its first anonymous page. 0 or -ENOMEM.
int anon_vma_prepare(vm_area_struct* vma);
// Linux anon_vma_clone: dst (a split's new part, a merge's survivor) joins every anon_vma src
// is on and takes src's own. 0 or -ENOMEM (dst joins none).
int anon_vma_clone(vm_area_struct* dst, const vm_area_struct* src);
// Linux anon_vma_fork: fork's child VMA joins the parent VMA's anon_vmas and gets its own.
// 0 or -ENOMEM.
int anon_vma_fork(vm_area_struct* vma, const vm_area_struct* parent);
// vma leaves its anon_vmas, each freed with its last VMA and page (Linux unlink_anon_vmas).
void unlink_anon_vma(vm_area_struct* vma);
// Linux page_add_new_anon_rmap: the new page p, mapped once at addr in vma, joins the anon rmap,
// on vma's own anon_vma, or its family's root when other VMAs may map it too (!exclusive: a
// swap-in whose slot other entries name).
void page_add_new_anon_rmap(page* p, vm_area_struct* vma, unsigned long addr, bool exclusive = true);
// One more / fewer PTE maps the anonymous page p (fork; zap, a COW copy replacing it).
inline void page_dup_anon_rmap(page* p) { __atomic_add_fetch(&p->_mapcount, 1, __ATOMIC_RELAXED); }
inline void page_remove_anon_rmap(page* p) { __atomic_sub_fetch(&p->_mapcount, 1, __ATOMIC_RELAXED); }
// The free path: p's last reference went; it leaves its anon_vma.
void anon_page_release(page* p);
// Linux rmap_walk_anon with rwc->try_lock: fn(vma, addr, pte) for each PTE that maps p; the
// anon_vma and each address space taken as rmap_walk_file takes them (the faulting one's lock
// held already). False when one was busy (some PTE may have been left out).
bool rmap_walk_anon(page* p, void (*fn)(vm_area_struct* vma, unsigned long addr, pte_t* e, void* arg), void* arg);
