// Kernel access to a process's pages (Linux mm/gup.c get_user_pages, access_process_vm): the
// loader and system calls reach user memory through the frames themselves, faulting them in
// as the process would, so they need neither SUM nor the process's satp.
#include "kernel/panic.h"
#include "mm/internal.h"
#include "mm/mmap_lock.h"

// The page is usable as asked: present, and for a write either writable, shared on purpose, or
// (forced) a private frame nobody else maps.
static page* follow_page(vm_area_struct* vma, unsigned long addr, bool write, bool force)
{
    int level = 0;
    pte_t* e = walk_pgtable(vma->vm_mm->pgd, addr, &level);
    if (!e || !pte_leaf(*e)) return nullptr;
    const unsigned long pfn = pte_pfn(*e) + ((addr & (pt_level_size(level) - 1)) >> PAGE_SHIFT);
    page* p = pfn_to_page(pfn);
    if (write && !pte_write(*e) && !vma->vm_shared) {
        if (!force || pfn == zero_pfn() || page_ref_count(compound_head(p)) != 1) return nullptr;
    }
    return p;
}

page* get_user_page(mm_struct* mm, unsigned long addr, unsigned int foll_flags)
{
    const bool write = foll_flags & FOLL_WRITE;
    const bool force = foll_flags & FOLL_FORCE;
    mmap_write_guard guard(mm);
    vm_area_struct* vma = find_vma(mm, addr);
    if (!vma || vma->vm_start > addr) return nullptr;
    if (!force && (write ? !(vma->vm_flags & VM_WRITE) : !(vma->vm_flags & (VM_READ | VM_WRITE)))) return nullptr;
    for (int tries = 0; tries < 3; ++tries) {
        if (page* p = follow_page(vma, addr, write, force)) {
            get_page_ref(compound_head(p));
            return p;
        }
        if (handle_locked_fault(vma, addr, write ? FAULT_FLAG_WRITE : 0, force) & VM_FAULT_ERROR) return nullptr;
    }
    return nullptr;
}

long access_process_vm(mm_struct* mm, unsigned long addr, void* buf, unsigned long len, unsigned int foll_flags)
{
    unsigned long done = 0;
    while (done < len) {
        const unsigned long va = addr + done;
        const unsigned long off = va & ~PAGE_MASK;
        const unsigned long n = (PAGE_SIZE - off < len - done) ? PAGE_SIZE - off : len - done;
        page* p = get_user_page(mm, va, foll_flags);
        if (!p) break;
        char* kaddr = static_cast<char*>(page_address(p)) + off;
        char* ubuf = static_cast<char*>(buf) + done;
        if (foll_flags & FOLL_WRITE)
            __builtin_memcpy(kaddr, ubuf, n);
        else
            __builtin_memcpy(ubuf, kaddr, n);
        put_page(p);
        done += n;
    }
    return long(done);
}
