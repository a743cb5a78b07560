// The virtual-memory interface of the kernel (Linux <linux/mm.h>): address spaces (mm_alloc,
// dup_mm, mmput), VMAs and the mmap family, page faults, huge-page policy, vmalloc, and the
// /proc views. Every function taking an mm_struct locks mm->mmap_lock itself unless it says so.
#pragma once

#include "kernel/seq_buf.h"
#include "mm/mm_types.h"
#include "mm/memory_model.h"
#include "kernel/errno.h"
#include "uapi/memvp.h"


// True for a do_mmap/do_brk result that is -errno (Linux IS_ERR_VALUE).
inline bool IS_ERR_VALUE(unsigned long x) { return x >= (unsigned long)-4095; }

inline constexpr unsigned long PAGE_ALIGN(unsigned long x) { return ALIGN(x, PAGE_SIZE); }

inline constexpr unsigned long STACK_SIZE = 8UL << 20;         // RLIMIT_STACK default
inline constexpr unsigned long MMAP_GAP = 128UL << 20;         // Linux MIN_GAP
inline constexpr unsigned long STACK_GUARD_GAP = 256 * PAGE_SIZE;  // Linux stack_guard_gap

// --- address spaces (mm/fork.cpp) ---
mm_struct* mm_alloc();                    // empty user half, kernel half of swapper_pg_dir; users = 1
void mmget(mm_struct* mm);                // one more user
bool mmget_not_zero(mm_struct* mm);       // one more user unless it is exiting (no user left)
void mmput(mm_struct* mm);                // drop a user; the last frees VMAs, pages, tables, mm
mm_struct* dup_mm(mm_struct* oldmm);      // fork: copy VMAs, share pages copy-on-write; nullptr on OOM

// --- VMAs and the mmap family (mm/vma.cpp, mm/mmap.cpp, mm/mprotect.cpp) ---
// First VMA with vm_end > addr, or nullptr (the VMA may start above addr). Caller holds the lock
// or owns the mm alone.
vm_area_struct* find_vma(mm_struct* mm, unsigned long addr);
// Top-down free range of len bytes below mmap_base (hint addr tried first); -ENOMEM if none.
unsigned long get_unmapped_area(mm_struct* mm, unsigned long addr, unsigned long len, unsigned long flags);
unsigned long do_mmap(mm_struct* mm, unsigned long addr, unsigned long len, unsigned long prot,
                      unsigned long flags);  // anonymous memory: address or -errno
// A mapping of file f from page pgoff (Linux do_mmap with a file): vm_flags_mask clears VM_MAY*
// bits the open mode forbids; the file's i_fop->mmap sets the VMA up. Address or -errno.
unsigned long do_mmap_file(mm_struct* mm, file* f, unsigned long addr, unsigned long len, unsigned long prot,
                           unsigned long flags, unsigned long vm_flags_mask, unsigned long pgoff);
int do_munmap(mm_struct* mm, unsigned long start, unsigned long len);
int do_mprotect(mm_struct* mm, unsigned long start, unsigned long len, unsigned long prot);
// mremap(addr, old_len, new_len, flags) of private anonymous memory (mm/mremap.cpp): shrinks in
// place, grows in place when the addresses above are free, else with MREMAP_MAYMOVE moves the
// pages' entries to a new range. The new address or -errno (-EINVAL: flags other than
// MREMAP_MAYMOVE, bad lengths; -EFAULT: the old range is not within one mapping; -ENOMEM: no
// room, or growing a shared or file mapping).
unsigned long do_mremap(mm_struct* mm, unsigned long addr, unsigned long old_len, unsigned long new_len,
                        unsigned long flags);
int do_madvise(mm_struct* mm, unsigned long start, unsigned long len, int advice);
unsigned long do_brk(mm_struct* mm, unsigned long newbrk);  // Linux sys_brk: new or unchanged break
// After the loader mapped text/data/bss: heap from PAGE_ALIGN(end_of_bss), mmap_base, the
// 8 MiB stack VMA under task_size(); start/end_code and _data from the VMAs below the heap.
void setup_user_layout(mm_struct* mm, unsigned long end_of_bss);

// --- faults (mm/memory.cpp, mm/huge_memory.cpp) ---
using vm_fault_t = unsigned int;
inline constexpr vm_fault_t VM_FAULT_OOM = 0x0001;
inline constexpr vm_fault_t VM_FAULT_SIGBUS = 0x0002;  // a file mapping past the end of file, or an I/O error
inline constexpr vm_fault_t VM_FAULT_MAJOR = 0x0004;   // handled, but the page had to be read from disk
inline constexpr vm_fault_t VM_FAULT_SIGSEGV = 0x0040;
inline constexpr vm_fault_t VM_FAULT_ERROR = VM_FAULT_OOM | VM_FAULT_SIGBUS | VM_FAULT_SIGSEGV;
inline constexpr unsigned int FAULT_FLAG_WRITE = 0x01;
inline constexpr unsigned int FAULT_FLAG_USER = 0x40;
inline constexpr unsigned int FAULT_FLAG_INSTRUCTION = 0x100;

// What a file VMA does on the generic paths (Linux vm_operations_struct; mm/filemap_fault.cpp
// has the page cache's, generic_file_vm_ops). open: a new VMA copies vma (split, fork) and
// takes its references; close: vma goes away. fault: mmap_lock held, *pte none or a write to
// a read-only *pte; VM_FAULT_FALLBACK when *pte maps a private anonymous copy (the anonymous
// copy-on-write path then decides).
struct vm_operations_struct {
    void (*open)(vm_area_struct* vma);
    void (*close)(vm_area_struct* vma);
    vm_fault_t (*fault)(vm_area_struct* vma, unsigned long addr, pte_t* pte, unsigned int flags);
};

// Resolve a fault at addr inside vma (handled when no VM_FAULT_ERROR bit is set: the access may
// be retried; VM_FAULT_MAJOR when it waited for the disk). Counts pgfault and, when handled,
// pgmajfault and the mm's maj_flt or its min_flt. Locks vma->vm_mm->mmap_lock.
vm_fault_t handle_mm_fault(vm_area_struct* vma, unsigned long addr, unsigned int flags);
// The whole user fault path under the lock: find_vma, the range check, handle_mm_fault
// (VM_FAULT_SIGSEGV when no VMA covers addr). For the trap handler.
vm_fault_t handle_user_fault(mm_struct* mm, unsigned long addr, unsigned int flags);

// Kernel access to another address space (Linux get_user_pages / access_process_vm): the page
// at addr, faulted in (FOLL_WRITE: privately writable, breaking COW; FOLL_FORCE: even where the
// VMA forbids it, as the loader writes text), with a reference the caller drops with put_page.
inline constexpr unsigned int FOLL_WRITE = 0x01;
inline constexpr unsigned int FOLL_FORCE = 0x10;
page* get_user_page(mm_struct* mm, unsigned long addr, unsigned int foll_flags);
// Copy len bytes between buf and [addr, addr + len) of mm; bytes copied (short on a fault).
long access_process_vm(mm_struct* mm, unsigned long addr, void* buf, unsigned long len, unsigned int foll_flags);

// The shared zero page (mapped read-only for read faults on private anonymous memory).
inline page* zero_page = nullptr;
void zero_page_init();
inline unsigned long zero_pfn() { return page_to_pfn(zero_page); }

// Transparent huge pages (Linux /sys/kernel/mm/transparent_hugepage/enabled).
enum thp_policy { THP_ALWAYS, THP_MADVISE, THP_NEVER };
inline thp_policy transparent_hugepage = THP_MADVISE;

// --- vmalloc (mm/vmalloc.cpp) ---
void vmalloc_init();
void* vmalloc(unsigned long size);
void vfree(const void* addr);

// --- /proc views (mm/proc_maps.cpp) ---
int fill_proc_stat(mm_struct* mm, memvp_proc_stat* st);  // the mm fields; 0
void show_maps(mm_struct* mm, seq_buf* m);                // /proc/PID/maps lines
