// setup_arg_pages: the initial user stack of a new program (create_elf_tables, elf_tables.cpp)
// written into the new mm at the top of its stack VMA, which setup_user_layout made.
#include "mm/mm.h"
#include "user_programs/elf_tables.h"
#include "user_programs/user_programs.h"

namespace {

// The stack pages fault in as they are written.
bool put_user_bytes(void* ctx, unsigned long addr, const void* src, unsigned long len)
{
    mm_struct* mm = static_cast<mm_struct*>(ctx);
    return access_process_vm(mm, addr, const_cast<void*>(src), len, FOLL_WRITE) == long(len);
}

}  // namespace

unsigned long setup_arg_pages(mm_struct* mm, const char* const argv[], unsigned long* sp, const exec_aux& aux,
                              const char* const envp[])
{
    vm_area_struct* stack = find_vma(mm, task_size() - 1);
    if (stack == nullptr || !(stack->vm_flags & VM_WRITE))
        return static_cast<unsigned long>(-EFAULT);
    const long rc = create_elf_tables(stack->vm_end, stack->vm_start, argv, envp, aux, put_user_bytes, mm, sp);
    // The argument strings, argv[0] first, lie at the top of the stack below the environment's
    // (create_elf_tables): where /proc/PID/cmdline reads them (Linux mm->arg_start, arg_end).
    unsigned long arg_bytes = 0, env_bytes = 0;
    for (unsigned long i = 0; argv && argv[i]; ++i) arg_bytes += __builtin_strlen(argv[i]) + 1;
    for (unsigned long i = 0; envp && envp[i]; ++i) env_bytes += __builtin_strlen(envp[i]) + 1;
    mm->arg_start = stack->vm_end - arg_bytes - env_bytes;
    mm->arg_end = mm->arg_start + arg_bytes;
    mm->env_end = mm->arg_end + env_bytes;
    return static_cast<unsigned long>(rc == -EFAULT ? -ENOMEM : rc);
}
