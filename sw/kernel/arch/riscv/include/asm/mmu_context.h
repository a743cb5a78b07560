// Address-space switching (Linux arch/riscv/mm/context.c): satp with the mm's ASID; ASIDs
// from a generation-based allocator (a rollover flushes every hart), or none (asid=off, or a
// hart with ASIDLEN 0), in which case each switch flushes the TLB.
#pragma once

struct mm_struct;

// Probes ASIDLEN (§12.1.11: write all ones to satp.ASID, read back) and applies asid=on|off.
void asid_init();
// Loads next's page tables on this hart; records the hart in next->cpu_bitmap.
void switch_mm(mm_struct* prev, mm_struct* next);
// Back to swapper_pg_dir on this hart (before the last mmput of the running address space).
void switch_to_kernel_mm();
// satp value of mm (mode, ASID, root PPN).
unsigned long mm_satp(mm_struct* mm);
// The ASID mm has on this generation (0 without ASIDs), for sfence.vma.
unsigned long mm_asid(mm_struct* mm);
bool asids_enabled();
// Loads mm on this hart for a kernel thread (Linux kthread_use_mm): switch_mm and the run
// queue's active_mm. switch_to_kernel_mm() undoes it; do it before the mm may be freed.
void use_mm(mm_struct* mm);
// For the self-tests: the ASID generation, and a lower limit on the ASIDs handed out (0 =
// what the hardware has); returns the previous limit.
unsigned long long asid_generation_now();
unsigned long asid_set_limit(unsigned long nr);
