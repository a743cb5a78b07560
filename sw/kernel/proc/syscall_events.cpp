// The event port's reports of the system calls that change an address space or a process
// (mmap, munmap, brk, clone), taken from do_syscall's result and the arguments still in the
// trap frame, so that the calls themselves need no hooks. Failed calls report nothing.
#include "asm/ptrace.h"
#include "kernel/trace_event.h"
#include "mm/mm.h"
#include "uapi/memvp.h"

void __trace_syscall_event(const pt_regs* regs, long rc)
{
    const unsigned long result = static_cast<unsigned long>(rc);
    if (IS_ERR_VALUE(result)) return;
    switch (regs->a7) {
    case __NR_mmap: __trace_event(MEMVP_EV_MMAP, result, regs->a1, regs->a2, regs->a3); break;
    case __NR_munmap: __trace_event(MEMVP_EV_MUNMAP, regs->a0, regs->a1); break;
    case __NR_brk: __trace_event(MEMVP_EV_BRK, regs->a0, result); break;
    case __NR_clone: __trace_event(MEMVP_EV_FORK, result); break;
    default: break;
    }
}
