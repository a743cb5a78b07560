// setup_arg_pages: the initial user stack of a new program, laid out as Linux fs/binfmt_elf.c
// create_elf_tables does (RISC-V psABI "Process Initialization"): the strings at the top, below
// them, 16-byte aligned at sp, argc, argv[0..argc-1], NULL, envp[], NULL, then auxv pairs.
#include "mm/mm.h"
#include "user_programs/user_programs.h"

namespace {

// Limits of what execve passes (Linux MAX_ARG_STRINGS and MAX_ARG_STRLEN are far larger; these
// keep the whole block within a few pages of the 8 MiB stack).
constexpr unsigned long MAX_ARGS = 64;
constexpr unsigned long MAX_STRINGS_BYTES = 16 * 1024;

// Auxiliary-vector types (Linux include/uapi/linux/auxvec.h).
constexpr unsigned long AT_NULL = 0;
constexpr unsigned long AT_PAGESZ = 6;
constexpr unsigned long AT_ENTRY = 9;

unsigned long count_strings(const char* const v[], unsigned long* bytes)
{
    unsigned long n = 0;
    for (; v && v[n]; n++)
        *bytes += __builtin_strlen(v[n]) + 1;
    return n;
}

bool put_user_bytes(mm_struct* mm, unsigned long addr, const void* src, unsigned long len)
{
    return access_process_vm(mm, addr, const_cast<void*>(src), len, FOLL_WRITE) == long(len);
}

bool put_user_word(mm_struct* mm, unsigned long addr, unsigned long value)
{
    return put_user_bytes(mm, addr, &value, sizeof(value));
}

// Copies the strings of v downwards from *top and stores their user addresses in the pointer
// array at *slot (advancing it), then its NULL.
bool copy_strings(mm_struct* mm, const char* const v[], unsigned long n, unsigned long* top, unsigned long* slot)
{
    for (unsigned long i = 0; i < n; i++) {
        unsigned long len = __builtin_strlen(v[i]) + 1;
        *top -= len;
        if (!put_user_bytes(mm, *top, v[i], len) || !put_user_word(mm, *slot, *top))
            return false;
        *slot += sizeof(unsigned long);
    }
    bool ok = put_user_word(mm, *slot, 0);
    *slot += sizeof(unsigned long);
    return ok;
}

}  // namespace

unsigned long setup_arg_pages(mm_struct* mm, const char* const argv[], unsigned long* sp, unsigned long entry,
                              const char* const envp[])
{
    // The stack VMA ends at task_size() (setup_user_layout); its pages fault in as written.
    vm_area_struct* stack = find_vma(mm, task_size() - 1);
    if (stack == nullptr || !(stack->vm_flags & VM_WRITE))
        return static_cast<unsigned long>(-EFAULT);
    unsigned long top = stack->vm_end;

    unsigned long bytes = 0;
    unsigned long argc = count_strings(argv, &bytes);
    unsigned long envc = count_strings(envp, &bytes);
    if (argc + envc > MAX_ARGS || bytes > MAX_STRINGS_BYTES)
        return static_cast<unsigned long>(-E2BIG);

    const unsigned long auxv[] = {AT_PAGESZ, PAGE_SIZE, AT_ENTRY, entry, AT_NULL, 0};
    unsigned long words = 1 + (argc + 1) + (envc + 1) + sizeof(auxv) / sizeof(auxv[0]);
    unsigned long strings = (top - bytes) & ~15UL;
    unsigned long base = (strings - words * sizeof(unsigned long)) & ~15UL;  // psABI: sp 16-aligned
    if (base < stack->vm_start)
        return static_cast<unsigned long>(-E2BIG);

    unsigned long slot = base;
    unsigned long str_top = top;
    if (!put_user_word(mm, slot, argc))
        return static_cast<unsigned long>(-ENOMEM);
    slot += sizeof(unsigned long);
    if (!copy_strings(mm, argv, argc, &str_top, &slot) || !copy_strings(mm, envp, envc, &str_top, &slot) ||
        !put_user_bytes(mm, slot, auxv, sizeof(auxv)))
        return static_cast<unsigned long>(-ENOMEM);
    *sp = base;
    return 0;
}
