// copy_to_user and friends (Linux arch/riscv/lib/uaccess.S in C): SUM opens U pages to S-mode
// for the copy only (§12.1.1.2 "Memory Privilege in sstatus Register").
#include "asm/uaccess.h"

#include <string.h>

#include "asm/csr.h"
#include "mm/mm.h"

bool access_ok(unsigned long uaddr, unsigned long n) { return uaddr <= task_size() && n <= task_size() - uaddr; }

unsigned long copy_to_user(void* to, const void* from, unsigned long n)
{
    if (!access_ok(reinterpret_cast<unsigned long>(to), n)) return n;
    csr_set(sstatus, SR_SUM);
    memcpy(to, from, n);
    csr_clear(sstatus, SR_SUM);
    return 0;
}

unsigned long copy_from_user(void* to, const void* from, unsigned long n)
{
    if (!access_ok(reinterpret_cast<unsigned long>(from), n)) return n;
    csr_set(sstatus, SR_SUM);
    memcpy(to, from, n);
    csr_clear(sstatus, SR_SUM);
    return 0;
}

long strncpy_from_user(char* dst, const char* src, unsigned long n)
{
    const unsigned long start = reinterpret_cast<unsigned long>(src);
    if (start >= task_size()) return -EFAULT;
    csr_set(sstatus, SR_SUM);
    long len = -36;  // -ENAMETOOLONG
    for (unsigned long i = 0; i < n && start + i < task_size(); ++i) {
        dst[i] = src[i];
        if (!dst[i]) {
            len = long(i);
            break;
        }
    }
    csr_clear(sstatus, SR_SUM);
    return len;
}
