// The event port's reports of the system calls that change an address space or a process
// (mmap, munmap, brk, clone, execve), taken from do_syscall's arguments and result so that the
// calls themselves need no hooks. Failed calls report nothing.
#include "kernel/trace_event.h"
#include "mm/mm.h"
#include "uapi/memvp.h"

void trace_syscall_event(unsigned long nr, unsigned long a0, unsigned long a1, unsigned long a2, unsigned long a3,
                         long rc)
{
    if (!event_port_slots) return;
    const unsigned long result = static_cast<unsigned long>(rc);
    if (IS_ERR_VALUE(result)) return;
    switch (nr) {
    case __NR_mmap: trace_event(MEMVP_EV_MMAP, result, a1, a2, a3); break;
    case __NR_munmap: trace_event(MEMVP_EV_MUNMAP, a0, a1); break;
    case __NR_brk: trace_event(MEMVP_EV_BRK, a0, result); break;
    case __NR_clone: trace_event(MEMVP_EV_FORK, result); break;
    default: break;
    }
}
