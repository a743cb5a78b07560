// Overcommit accounting (Linux mm/util.c __vm_enough_memory, vm_commit_limit, vm_memory_committed;
// Documentation/mm/overcommit-accounting.rst): private writable mappings charge their size to
// Committed_AS when they are made (mmap, brk, the stack, a loader's segment, fork's copy, mprotect
// making a private mapping writable) and give it back when unmapped; vm.overcommit_memory decides
// whether a charge may exceed the memory there is.
#pragma once

#include "mm/mm_types.h"

// Linux's VM_ACCOUNT: the VMA's pages are charged to Committed_AS. VM_NORESERVE: MAP_NORESERVE
// asked for no charge, which modes 0 and 1 grant.
inline constexpr unsigned long VM_ACCOUNT = 0x00100000;
inline constexpr unsigned long VM_NORESERVE = 0x00200000;

// vm.overcommit_memory: OVERCOMMIT_GUESS (0, default) refuses only a single charge larger than
// RAM plus swap; OVERCOMMIT_ALWAYS (1) never refuses; OVERCOMMIT_NEVER (2) refuses any charge that
// would take Committed_AS to CommitLimit.
inline constexpr unsigned OVERCOMMIT_GUESS = 0, OVERCOMMIT_ALWAYS = 1, OVERCOMMIT_NEVER = 2;
inline unsigned vm_overcommit_memory = OVERCOMMIT_GUESS;
// vm.overcommit_ratio: the percentage of RAM in CommitLimit (Linux's default 50).
inline unsigned vm_overcommit_ratio = 50;
// vm.user_reserve_kbytes: what mode 2 keeps back from a process's charge, at most 1/32 of its
// size (Linux init_user_reserve: min(3% of free memory, 128 MiB), set by init_user_reserve).
inline unsigned long vm_user_reserve_kbytes = 131072;

// CommitLimit in pages: RAM × overcommit_ratio / 100 + swap.
unsigned long vm_commit_limit();
// Committed_AS in pages.
unsigned long vm_memory_committed();
void vm_acct_memory(long pages);
inline void vm_unacct_memory(long pages) { vm_acct_memory(-pages); }
// Charges pages for mm (nullptr: no process) as the mode allows: 0, or -ENOMEM with nothing
// charged. The caller holds mm's mmap_lock.
int __vm_enough_memory(const mm_struct* mm, long pages);
// Gives back the charge of an accounted VMA that goes away (unmapped, or its mm torn down).
void vma_unaccount(const vm_area_struct* vma);

// vm.user_reserve_kbytes from the free memory at boot (Linux init_user_reserve).
void init_user_reserve(unsigned long free_pages);

// A mapping whose pages are charged: private and writable, without MAP_NORESERVE (Linux
// accountable_mapping).
inline bool accountable_mapping(unsigned long vm_flags)
{
    return (vm_flags & (VM_NORESERVE | VM_SHARED | VM_WRITE)) == VM_WRITE;
}
