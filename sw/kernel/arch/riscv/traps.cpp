// Trap dispatch (Linux arch/riscv/kernel/traps.c, mm/fault.c): interrupts (timer tick, IPIs,
// devices through the PLIC),
// system calls from U-mode, page faults through K2's handle_user_fault, and everything else:
// a U-mode task is killed with a report and the system carries on; a fault in the kernel
// that is not a user access panics with hart, sepc, scause and stval.
#include "asm/csr.h"
#include "asm/ptrace.h"
#include "asm/smp.h"
#include "drivers/irqchip/irq-sifive-plic.h"
#include "kernel/panic.h"
#include "kernel/printk.h"
#include "kernel/trace_event.h"
#include "mm/mm.h"
#include "mm/mmap_lock.h"
#include "mm/vm_event.h"
#include "mm/writeback.h"
#include "proc/process.h"
#include "proc/sched.h"
#include "proc/signal.h"
#include "proc/syscall.h"

namespace {

void do_irq(unsigned long code)
{
    if (code == IRQ_S_TIMER) scheduler_tick();
    else if (code == IRQ_S_SOFT) handle_ipi();
    else if (code == IRQ_S_EXT) plic_handle_irq();
    else panic("unexpected interrupt %lu", code);
}

[[noreturn]] void kill_current(pt_regs* regs, const char* what, int sig)
{
    printk("%s[%d]: %s at %lx ip %lx cause %lu\n", current->comm, current->pid, what, regs->badaddr, regs->epc,
           regs->cause);
    if (sig == SIGSEGV) count_vm_event(&memvp_vmstat::segv_kills);
    do_group_exit(MEMVP_W_EXITCODE(0, sig));
}

// Linux's si_code for SIGSEGV (include/uapi/asm-generic/siginfo.h): no mapping at the
// address, or a mapping that does not allow the access.
int segv_code(mm_struct* mm, unsigned long addr)
{
    constexpr int SEGV_MAPERR = 1, SEGV_ACCERR = 2;
    if (!mm) return SEGV_MAPERR;
    mmap_read_guard guard(mm);
    const vm_area_struct* vma = find_vma(mm, addr);
    return vma && vma->vm_start <= addr ? SEGV_ACCERR : SEGV_MAPERR;
}

// Linux do_page_fault: the faulting access decides the flags; a kernel access to a user
// address (copy_to_user with SUM) takes the same path as a user one.
void do_page_fault(pt_regs* regs)
{
    const unsigned long addr = regs->badaddr;
    trace_event(MEMVP_EV_PAGE_FAULT, regs->badaddr, regs->cause, regs->epc);
    unsigned int flags = 0;
    if (regs->cause == EXC_STORE_PAGE_FAULT) flags |= FAULT_FLAG_WRITE;
    if (regs->cause == EXC_INST_PAGE_FAULT) flags |= FAULT_FLAG_INSTRUCTION;
    const bool from_user = user_mode(regs);
    if (from_user) flags |= FAULT_FLAG_USER;
    // The kernel touches user memory only inside copy_to_user & co., with SUM set (§12.1.1.2).
    const bool user_access = from_user || ((regs->status & SR_SUM) && addr < task_size());
    mm_struct* mm = current->mm;
    if (user_access && mm && addr < task_size()) {
        const vm_fault_t rc = handle_user_fault(mm, addr, flags);
        trace_event(MEMVP_EV_PAGE_FAULT_DONE, regs->badaddr, rc);
        // With the fault's locks dropped, a store that dirtied shared file pages is throttled
        // (Linux fault_dirty_shared_page); not a fault inside copy_to_user & co., whose caller
        // may hold the VFS lock.
        if (from_user && current->nr_dirtied) balance_dirty_pages_after_fault();
        if (!(rc & VM_FAULT_ERROR)) return;
        if (rc & VM_FAULT_OOM) {  // the OOM killer's victim: its kill line is printed already
            if (!current->pending_kill) printk("Out of memory: killed process %d (%s)\n", current->pid, current->comm);
            do_group_exit(MEMVP_W_EXITCODE(0, SIGKILL));
        }
        // Linux's SIGBUS for a file mapping's page past the end of file (or unreadable).
        if (rc & VM_FAULT_SIGBUS) kill_current(regs, "bus error (mapped file page past its end or unreadable)", SIGBUS);
    }
    // A user access with no handler for it kills; a handler gets si_addr and si_code.
    if (from_user && force_sig_fault(SIGSEGV, segv_code(mm, addr), addr)) return;
    if (user_access) kill_current(regs, "segfault", SIGSEGV);
    panic("kernel page fault at %#lx (scause %lu)", addr, regs->cause);
}

}  // namespace

extern "C" void do_trap(pt_regs* regs)
{
    if (regs->cause & CAUSE_IRQ_FLAG) {
        do_irq(regs->cause & ~CAUSE_IRQ_FLAG);
    } else if (regs->cause == EXC_ECALL_U) {
        regs->epc += 4;
        do_syscall(regs);
    } else if (regs->cause == EXC_INST_PAGE_FAULT || regs->cause == EXC_LOAD_PAGE_FAULT ||
               regs->cause == EXC_STORE_PAGE_FAULT) {
        do_page_fault(regs);
    } else if (user_mode(regs)) {
        kill_current(regs, regs->cause == EXC_ILLEGAL_INST ? "illegal instruction" : "bad access",
                     regs->cause == EXC_ILLEGAL_INST ? 4 /* SIGILL */ : SIGSEGV);
    } else {
        panic("unhandled trap in the kernel: scause %lu sepc %#lx stval %#lx", regs->cause, regs->epc, regs->badaddr);
    }
    if (user_mode(regs)) {
        if (need_resched()) schedule();
        do_signal(regs);
    }
}
