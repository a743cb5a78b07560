// create_elf_tables (Linux fs/binfmt_elf.c) for the loader: the initial stack block, written
// through a user_writer so that the host tests read back what glibc's start-up would.
#include "user_programs/elf_tables.h"

#include "kernel/errno.h"
#include "user_programs/elf.h"

namespace {

unsigned long count_strings(const char* const v[], unsigned long* bytes)
{
    unsigned long n = 0;
    for (; v && v[n]; n++)
        *bytes += __builtin_strlen(v[n]) + 1;
    return n;
}

// Copies the n strings of v upwards from *str and their addresses into the pointer array at
// *slot, then its NULL; both cursors advance.
bool put_strings(const char* const v[], unsigned long n, unsigned long* str, unsigned long* slot, user_writer put,
                 void* ctx)
{
    for (unsigned long i = 0; i <= n; i++) {
        unsigned long addr = 0;
        if (i < n) {
            unsigned long len = __builtin_strlen(v[i]) + 1;
            if (!put(ctx, *str, v[i], len))
                return false;
            addr = *str;
            *str += len;
        }
        if (!put(ctx, *slot, &addr, sizeof(addr)))
            return false;
        *slot += sizeof(addr);
    }
    return true;
}

}  // namespace

unsigned fill_auxv(unsigned long* out, const exec_aux& aux, unsigned long random_addr)
{
    const unsigned long pairs[AUXV_WORDS] = {
        AT_HWCAP, aux.hwcap,     AT_PAGESZ, PAGE_SIZE,    AT_CLKTCK, USER_HZ,    AT_PHDR,   aux.phdr,
        AT_PHENT, sizeof(Elf64_Phdr), AT_PHNUM, aux.phnum, AT_BASE, 0,          AT_FLAGS,  0,
        AT_ENTRY, aux.entry,     AT_UID,    0,            AT_EUID,   0,          AT_GID,    0,
        AT_EGID,  0,             AT_SECURE, 0,            AT_RANDOM, random_addr,
    };
    unsigned n = 0;
    for (; n < AUXV_WORDS; n++)
        out[n] = pairs[n];
    return n;
}

long create_elf_tables(unsigned long top, unsigned long stack_floor, const char* const argv[],
                       const char* const envp[], const exec_aux& aux, user_writer put, void* ctx,
                       unsigned long* sp)
{
    unsigned long bytes = 0;
    const unsigned long argc = count_strings(argv, &bytes);
    const unsigned long envc = count_strings(envp, &bytes);
    if (argc + envc > MAX_ARGS || bytes > MAX_STRINGS_BYTES)
        return -E2BIG;

    unsigned long auxv[AUXV_WORDS + 2];
    const unsigned long strings = top - bytes;
    const unsigned long random_addr = (strings - sizeof(aux.random)) & ~15UL;
    const unsigned naux = fill_auxv(auxv, aux, random_addr);
    auxv[naux] = AT_NULL;
    auxv[naux + 1] = 0;
    const unsigned long words = 1 + (argc + 1) + (envc + 1) + naux + 2;
    const unsigned long base = (random_addr - words * sizeof(unsigned long)) & ~15UL;  // psABI: sp 16-aligned
    if (base < stack_floor || base > top)
        return -E2BIG;

    unsigned long slot = base, str = strings;
    if (!put(ctx, slot, &argc, sizeof(argc)))
        return -EFAULT;
    slot += sizeof(argc);
    if (!put_strings(argv, argc, &str, &slot, put, ctx) || !put_strings(envp, envc, &str, &slot, put, ctx) ||
        !put(ctx, slot, auxv, (naux + 2) * sizeof(unsigned long)) ||
        !put(ctx, random_addr, aux.random, sizeof(aux.random)))
        return -EFAULT;
    *sp = base;
    return 0;
}
