// The address-space types (Linux <linux/mm_types.h>): vm_area_struct, one contiguous range of
// user addresses with the same permissions, and mm_struct, a process's page tables, its VMAs
// kept sorted on an intrusive list, its layout (code, data, heap, stack, mmap base) and counters.
#pragma once

#include "kernel/list.h"
#include "kernel/rwsem.h"
#include "kernel/spinlock.h"
#include "mm/pgtable.h"

struct mm_struct;
struct anon_vma;
struct shmem_object;
struct file;
struct vm_operations_struct;

// vm_flags (Linux include/linux/mm.h values).
inline constexpr unsigned long VM_NONE = 0x00000000;
inline constexpr unsigned long VM_READ = 0x00000001;
inline constexpr unsigned long VM_WRITE = 0x00000002;
inline constexpr unsigned long VM_EXEC = 0x00000004;
inline constexpr unsigned long VM_SHARED = 0x00000008;
inline constexpr unsigned long VM_MAYREAD = 0x00000010;
inline constexpr unsigned long VM_MAYWRITE = 0x00000020;
inline constexpr unsigned long VM_MAYEXEC = 0x00000040;
inline constexpr unsigned long VM_MAYSHARE = 0x00000080;
inline constexpr unsigned long VM_GROWSDOWN = 0x00000100;
inline constexpr unsigned long VM_HUGEPAGE = 0x20000000;    // MADV_HUGEPAGE
inline constexpr unsigned long VM_NOHUGEPAGE = 0x40000000;  // MADV_NOHUGEPAGE
inline constexpr unsigned long VM_ACCESS_FLAGS = VM_READ | VM_WRITE | VM_EXEC;

struct vm_area_struct {
    unsigned long vm_start;  // first address inside
    unsigned long vm_end;    // first address after
    unsigned long vm_flags;
    mm_struct* vm_mm;
    // MAP_SHARED anonymous memory: the object holding its pages (Linux's shmem file) and the
    // page index of vm_start in it; nullptr for private memory.
    shmem_object* vm_shared;
    unsigned long vm_pgoff;  // shared anonymous or file: the page index of vm_start in it
    list_head vm_list;  // on mm->mmap, sorted by vm_start
    // A file mapping (Linux vm_file, vm_ops): the file, referenced, and what its faults,
    // copies and removal do (mm.h); nullptr for anonymous memory. shared: on the file's
    // address_space::i_mmap (mm/rmap.h).
    file* vm_file;
    const vm_operations_struct* vm_ops;
    list_head shared;
    // Private memory (anonymous, or a private file mapping's copies): the anon_vma its new
    // anonymous pages point at (nullptr until the first), and its anon_vma_chain entries, one
    // per anon_vma whose pages it may map (its own and, after fork, its parent's; mm/rmap.h).
    anon_vma* vm_anon_vma;
    list_head anon_vma_chain;
};

struct mm_struct {
    pte_t* pgd;                  // root table (a buddy page; satp takes its physical address)
    u16 asid;
    unsigned long cpu_bitmap;    // harts that may hold its TLB entries; set by switch_mm
    u64 context;                 // free for the arch code (ASID generation)
    unsigned long start_code, end_code, start_data, end_data;
    unsigned long start_brk, brk, start_stack, mmap_base;
    unsigned long arg_start, arg_end, env_end;  // argv's strings (/proc/PID/cmdline), envp's end
    unsigned long sigpage;       // the signal return trampoline's page (proc/signal.cpp), 0 until needed
    list_head mmap;              // VMAs sorted by address
    int map_count;               // VMAs on mmap
    // Counters (Linux mm_rss_stat, pgtables_bytes, task min_flt and maj_flt).
    unsigned long rss;           // pages mapped privately or shared; a 2 MiB page counts 512
    unsigned long rss_zero;      // PTEs mapping the shared zero page (not in rss)
    unsigned long nr_ptes;       // page-table pages, root included
    unsigned long min_flt;       // faults handled without I/O
    unsigned long maj_flt;       // faults that read their page from disk
    unsigned long thp_pages;     // 2 MiB leaves mapped
    unsigned long swapents;      // PTEs holding a swap entry (Linux MM_SWAPENTS)
    int users;                   // mm_users: the last mmput frees everything
    bool oom_skip;               // MMF_OOM_SKIP: reaped by the OOM killer, never chosen again
    unsigned long unmap_seq;     // the last unmap_mapping_finish pass that visited it (mm/rmap.h)
    rw_semaphore mmap_lock;      // VMAs and page tables (a sleeping lock, mm/mmap_lock.h)
};
