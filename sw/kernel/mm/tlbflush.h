// TLB maintenance (Linux <asm/tlbflush.h>): after return, no hart's TLB holds a stale entry
// for the range of that mm. Implemented by the arch code on the guest (sfence.vma with ASID/VA,
// IPIs to the other harts in mm->cpu_bitmap, §12.2.1 "Supervisor Memory-Management Fence"),
// and by a recorder in mm/host on the host.
#pragma once

#include "mm/vm_event.h"

struct mm_struct;

void flush_tlb_page(mm_struct* mm, unsigned long va);
void flush_tlb_range(mm_struct* mm, unsigned long start, unsigned long end);
void flush_tlb_mm(mm_struct* mm);
void flush_tlb_kernel_range(unsigned long start, unsigned long end);

#if !defined(__riscv)
void host_local_flush_tlb_page(unsigned long va);
#endif

// This hart only, after a fault installed or upgraded a mapping: an implementation may have
// cached the invalid or read-only entry (§12.2.1), so the faulting hart fences that page
// (Linux update_mmu_cache / flush_tlb_fix_spurious_fault on RISC-V). Other harts that cached
// it at most take a spurious fault, which handle_mm_fault resolves.
inline void local_flush_tlb_page(unsigned long va)
{
    count_vm_event(&memvp_vmstat::tlb_local_flushes);
#if defined(__riscv)
    __asm__ volatile("sfence.vma %0, zero" : : "r"(va) : "memory");
#else
    host_local_flush_tlb_page(va);
#endif
}
