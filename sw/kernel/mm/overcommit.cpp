// Overcommit accounting (Linux mm/util.c __vm_enough_memory and vm_commit_limit; Linux keeps
// Committed_AS in a per-CPU counter, here one atomic).
#include "mm/overcommit.h"

#include "kernel/errno.h"
#include "mm/buddy.h"
#include "mm/internal.h"
#include "mm/swapfile.h"

namespace {

long vm_committed_as;

unsigned long total_vm(const mm_struct* mm)
{
    unsigned long pages = 0;
    list_for_each_entry(vma, &mm->mmap, vm_area_struct, vm_list) pages += vma_pages(vma);
    return pages;
}

}  // namespace

unsigned long vm_commit_limit()
{
    return page_allocator->totalram_pages() * vm_overcommit_ratio / 100 + total_swap_pages();
}

unsigned long vm_memory_committed()
{
    const long v = __atomic_load_n(&vm_committed_as, __ATOMIC_RELAXED);
    return v > 0 ? static_cast<unsigned long>(v) : 0;
}

void vm_acct_memory(long pages) { __atomic_add_fetch(&vm_committed_as, pages, __ATOMIC_RELAXED); }

int __vm_enough_memory(const mm_struct* mm, long pages)
{
    vm_acct_memory(pages);
    const unsigned mode = __atomic_load_n(&vm_overcommit_memory, __ATOMIC_RELAXED);
    if (mode == OVERCOMMIT_ALWAYS) return 0;
    if (mode == OVERCOMMIT_GUESS) {
        if (static_cast<unsigned long>(pages) <= page_allocator->totalram_pages() + total_swap_pages()) return 0;
    } else {
        // Every task runs as root here, so Linux's admin reserve (for tasks without
        // CAP_SYS_ADMIN) never applies; the user reserve does.
        long allowed = long(vm_commit_limit());
        if (mm) {
            const long reserve = long(vm_user_reserve_kbytes >> (PAGE_SHIFT - 10));
            const long share = long(total_vm(mm) / 32);
            allowed -= share < reserve ? share : reserve;
        }
        if (long(vm_memory_committed()) < allowed) return 0;
    }
    vm_unacct_memory(pages);
    return -ENOMEM;
}

void vma_unaccount(const vm_area_struct* vma)
{
    if (vma->vm_flags & VM_ACCOUNT) vm_unacct_memory(long(vma_pages(vma)));
}

void init_user_reserve(unsigned long free_pages)
{
    const unsigned long kbytes = free_pages * (PAGE_SIZE / 1024) / 32;
    vm_user_reserve_kbytes = kbytes < 131072 ? kbytes : 131072;
}
