// Declarations shared by the virtual-memory files and nowhere else (Linux mm/internal.h):
// VMA list surgery, the shared-anonymous object, the fault steps, huge-page helpers and the
// mmu_gather that defers freeing until the TLB no longer maps what is freed.
#pragma once

#include "mm/buddy.h"
#include "mm/mm.h"
#include "mm/tlbflush.h"
#include "mm/vm_event.h"

inline constexpr vm_fault_t VM_FAULT_FALLBACK = 0x0800;  // huge page impossible: do 4 KiB
inline constexpr gfp_t GFP_HIGHUSER_ZERO = GFP_HIGHUSER_MOVABLE | __GFP_ZERO;

// --- shared anonymous memory (mm/shmem.cpp): the pages of one MAP_SHARED mapping, kept by
// index whoever maps them (Linux's shmem file behind MAP_SHARED|MAP_ANONYMOUS) ---
struct shmem_object {
    int refcount;            // VMAs using it
    unsigned long nr_pages;
    page** pages;            // each holds one reference of the object's
};
shmem_object* shmem_create(unsigned long nr_pages);
void shmem_get(shmem_object* obj);
void shmem_put(shmem_object* obj);
page* shmem_find_or_alloc(shmem_object* obj, unsigned long index);  // nullptr on OOM

// --- VMAs (mm/vma.cpp) ---
vm_area_struct* vm_area_alloc(mm_struct* mm);
void vm_area_free(vm_area_struct* vma);  // drops its shmem reference
void vma_link(mm_struct* mm, vm_area_struct* vma);
void vma_unlink(mm_struct* mm, vm_area_struct* vma);
vm_area_struct* vma_next(mm_struct* mm, vm_area_struct* vma);
vm_area_struct* vma_prev(mm_struct* mm, vm_area_struct* vma);
// Split vma at addr (page aligned, strictly inside): vma keeps the lower part, the returned
// new VMA the upper (Linux __split_vma). nullptr on OOM.
vm_area_struct* split_vma(mm_struct* mm, vm_area_struct* vma, unsigned long addr);
// Merge vma with compatible neighbours (Linux vma_merge); returns the VMA now covering it.
vm_area_struct* vma_merge_neighbours(mm_struct* mm, vm_area_struct* vma);
// munmap with mmap_lock held for writing (mm/mmap.cpp).
int munmap_range(mm_struct* mm, unsigned long start, unsigned long len);
// Split the VMAs so that [start, end) begins and ends on VMA boundaries; false on OOM.
bool vma_split_range(mm_struct* mm, unsigned long start, unsigned long end);
// True when [start, end) is covered by VMAs without a hole.
bool range_fully_mapped(mm_struct* mm, unsigned long start, unsigned long end);
unsigned long calc_vm_prot_bits(unsigned long prot);
// PTE permissions for vm_flags (Linux vm_get_page_prot): U, R with W (W alone is reserved,
// §12.3.1), X.
pte_t vm_get_page_prot(unsigned long vm_flags);
inline unsigned long vma_pages(const vm_area_struct* vma) { return (vma->vm_end - vma->vm_start) >> PAGE_SHIFT; }
// Private and potentially writable: pages shared with a fork child are copied on write.
inline bool is_cow_mapping(unsigned long flags) { return (flags & (VM_SHARED | VM_MAYWRITE)) == VM_MAYWRITE; }

// --- freeing behind the TLB flush (mm/memory.cpp; Linux struct mmu_gather) ---
struct mmu_gather {
    mm_struct* mm;
    unsigned long start, end;  // range flushed before anything is freed
    bool need_flush;
    bool freed_tables;         // tables were unhooked: flush the whole address space
    list_head tables;          // emptied page-table pages
    list_head pages;           // frames this mapping held alone: freed after the flush
    unsigned nr;               // batch: frames still shared, their reference dropped after the flush
    struct {
        page* p;
        unsigned order;        // a 2 MiB head: 9
    } batch[64];
};
void tlb_gather_mmu(mmu_gather* tlb, mm_struct* mm, unsigned long start, unsigned long end);
// Drop this mapping's reference on p (nr 0: once, with order) or on nr order-0 pages from p.
void tlb_remove_pages(mmu_gather* tlb, page* p, unsigned order, unsigned nr);
void tlb_finish_mmu(mmu_gather* tlb);  // flush, free pages, free the emptied tables

// Unmap [start, end) of mm, dropping page references into tlb (Linux unmap_page_range). Huge
// leaves must not straddle start or end (split_huge_pmd_address first).
void zap_page_range(mmu_gather* tlb, mm_struct* mm, unsigned long start, unsigned long end);
// Zap [start, end), then flush, free pages and empty tables; -ENOMEM
// when a huge page at an end cannot be split (nothing changed then).
int zap_user_range(mm_struct* mm, unsigned long start, unsigned long end);
// The same inside one VMA without huge leaves and with its file pages' rmap already settled
// (Linux zap_page_range_single): zap, flush (on every hart that may cache mm), free.
void zap_page_range_single(mm_struct* mm, unsigned long start, unsigned long end);

// --- faults (mm/memory.cpp) ---
// The fault handler proper, mm->mmap_lock held; force: the kernel writes where the VMA forbids
// (the page becomes private but the PTE keeps the VMA's permissions).
vm_fault_t __handle_mm_fault(vm_area_struct* vma, unsigned long addr, unsigned int flags, bool force);
// Count a handled or failed fault (pgfault always; when handled, pgmajfault and the mm's maj_flt
// for VM_FAULT_MAJOR, else its min_flt).
vm_fault_t mm_account_fault(mm_struct* mm, vm_fault_t result);
// __handle_mm_fault, accounted, with vma->vm_mm's mmap_lock held for writing by this task: the
// reclaim its allocations run may unmap that address space's pages (current_fault_mm, mm/rmap.h).
vm_fault_t handle_locked_fault(vm_area_struct* vma, unsigned long addr, unsigned int flags, bool force);

// --- huge pages (mm/huge_memory.cpp) ---
bool thp_vma_allowed(const vm_area_struct* vma);       // policy and flags
bool thp_vma_suitable(const vm_area_struct* vma, unsigned long haddr);  // whole 2 MiB inside
vm_fault_t do_huge_pmd_anonymous_page(vm_area_struct* vma, unsigned long haddr, pte_t* pmd);
vm_fault_t do_huge_pmd_wp_page(vm_area_struct* vma, unsigned long haddr, pte_t* pmd);
// Make the 2 MiB leaf *pmd a table of 512 4 KiB leaves to the same frames (splitting the
// compound page first); false on OOM.
bool split_huge_pmd(mm_struct* mm, pte_t* pmd, unsigned long haddr);
// Split the huge leaf that straddles addr, if any; false on OOM.
bool split_huge_pmd_address(mm_struct* mm, unsigned long addr);
// Turn a 2 MiB compound page into 512 order-0 pages, each with the head's reference count:
// every mapping of the huge page then holds one reference on each of them.
void split_huge_page(page* head);
void zap_huge_pmd(mmu_gather* tlb, mm_struct* mm, pte_t* pmd);
// Reference one more mapping of the frames under a 2 MiB leaf (fork).
void get_huge_pmd_pages(pte_t pmd);
