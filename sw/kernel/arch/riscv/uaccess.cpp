// copy_to_user and friends (Linux arch/riscv/lib/uaccess.S in C): SUM opens U pages to S-mode
// for the copy only (§12.1.1.2 "Memory Privilege in sstatus Register"). Without exception
// tables, the range is faulted in first (Linux fault_in_readable/fault_in_writeable), so a bad
// pointer makes the call fail with -EFAULT instead of faulting inside the copy.
#include "asm/uaccess.h"

#include <string.h>

#include "asm/csr.h"
#include "mm/mm.h"
#include "proc/sched.h"

bool access_ok(unsigned long uaddr, unsigned long n) { return uaddr <= task_size() && n <= task_size() - uaddr; }

namespace {

// Every page of [start, start + n) present in the current mm, user-accessible and readable
// (and writable for a write), faulting it in where not; false if some page cannot be.
bool fault_in(unsigned long start, unsigned long n, bool write)
{
    mm_struct* mm = current->mm;
    if (!mm) return false;
    for (unsigned long va = start & PAGE_MASK; va < start + n; va += PAGE_SIZE) {
        PhysAddr pa;
        pte_t leaf = 0;
        const pte_t need = _PAGE_U | _PAGE_R | (write ? _PAGE_W : 0);
        if (pgtable_translate(mm->pgd, va, &pa, &leaf) && (leaf & need) == need) continue;
        if (handle_user_fault(mm, va, write ? FAULT_FLAG_WRITE : 0) & VM_FAULT_ERROR) return false;
    }
    return true;
}

// Copies n bytes with the user range [uaddr, uaddr + n) faulted in first (written to when
// write); returns the bytes not copied: 0, or n when the range is not all there.
unsigned long copy_user(void* to, const void* from, unsigned long n, unsigned long uaddr, bool write)
{
    if (!access_ok(uaddr, n) || !fault_in(uaddr, n, write)) return n;
    csr_set(sstatus, SR_SUM);
    memcpy(to, from, n);
    csr_clear(sstatus, SR_SUM);
    return 0;
}

}  // namespace

unsigned long copy_to_user(void* to, const void* from, unsigned long n)
{
    return copy_user(to, from, n, reinterpret_cast<unsigned long>(to), true);
}

unsigned long copy_from_user(void* to, const void* from, unsigned long n)
{
    return copy_user(to, from, n, reinterpret_cast<unsigned long>(from), false);
}

long strncpy_from_user(char* dst, const char* src, unsigned long n)
{
    const unsigned long start = reinterpret_cast<unsigned long>(src);
    long len = -ENAMETOOLONG;
    for (unsigned long i = 0; i < n; ++i) {
        const unsigned long va = start + i;
        if (va >= task_size()) return -EFAULT;
        if ((i == 0 || (va & ~PAGE_MASK) == 0) && !fault_in(va, 1, false)) return -EFAULT;
        csr_set(sstatus, SR_SUM);
        dst[i] = src[i];
        csr_clear(sstatus, SR_SUM);
        if (!dst[i]) {
            len = long(i);
            break;
        }
    }
    return len;
}
