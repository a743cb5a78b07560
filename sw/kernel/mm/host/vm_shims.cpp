// Host definitions of swapper_pg_dir and of the TLB flush functions (recorders), standing in
// for the guest's arch code in the GoogleTest build of sw/kernel/mm, of the VFS lock the file
// reverse map takes (tests run one thread: nothing to serialise) and of the task's fault in
// progress (mm/rmap.h).
#include "mm/host/vm_shims.h"

#include "mm/pgtable.h"
#include "mm/rmap.h"

alignas(4096) pte_t swapper_pg_dir[PTRS_PER_PT];

void vfs_lock() {}
void vfs_unlock() {}

namespace {
mm_struct* host_fault_mm = nullptr;
}
mm_struct* current_fault_mm() { return host_fault_mm; }
void set_current_fault_mm(mm_struct* mm) { host_fault_mm = mm; }

void flush_tlb_page(mm_struct* mm, unsigned long va)
{
    host_tlb_flushes.pages++;
    host_tlb_flushes.last_mm = mm;
    host_tlb_flushes.last_start = va;
    host_tlb_flushes.last_end = va + PAGE_SIZE;
}

void flush_tlb_range(mm_struct* mm, unsigned long start, unsigned long end)
{
    host_tlb_flushes.ranges++;
    host_tlb_flushes.last_mm = mm;
    host_tlb_flushes.last_start = start;
    host_tlb_flushes.last_end = end;
}

void flush_tlb_mm(mm_struct* mm)
{
    host_tlb_flushes.mms++;
    host_tlb_flushes.last_mm = mm;
}

void flush_tlb_kernel_range(unsigned long start, unsigned long end)
{
    host_tlb_flushes.kernel_ranges++;
    host_tlb_flushes.last_start = start;
    host_tlb_flushes.last_end = end;
}

void host_local_flush_tlb_page(unsigned long) { host_tlb_flushes.local_pages++; }
