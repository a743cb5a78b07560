// trace_event(): the kernel reports one of its events (uapi/memvp_event.h) to memvp's event port,
// which dates it in the hart's cycles and puts it beside the hardware's own trace. Without the
// port (QEMU, memvp with [event_port] enable = false) a call site costs one nop: it is a jump
// label (Linux static_branch_unlikely), a 4-byte nop that event_port_init() rewrites into a jump
// to the reporting code once it has found the port. So call sites are one line each and a run
// without the port costs a nop per report. On the host build of mm/ the calls are empty.
#pragma once

#include "kernel/types.h"
#include "uapi/memvp_event.h"

// Hart 0's slot in the direct map; null until event_port_init() finds a "memvp,event-port".
inline volatile u64* event_port_slots;

// One jump label: the nop's address and where the jump goes (section __jump_table).
struct jump_entry {
    unsigned long code;
    unsigned long target;
};

// False until event_port_init() patched the jump labels.
inline bool event_port_enabled()
{
#if defined(__riscv)
    // norvc: the site must hold a 4-byte instruction, the size of the JAL that replaces it.
    __asm__ goto("1:\n"
                 ".option push\n.option norvc\nnop\n.option pop\n"
                 ".pushsection __jump_table, \"aw\"\n.balign 8\n.quad 1b, %l[on]\n.popsection\n"
                 : : : : on);
    return false;
on:
    return true;
#else
    return false;
#endif
}

// Writes the non-zero arguments and the commit register of this hart's slot.
void __trace_event(memvp_event_type type, u64 a0 = 0, u64 a1 = 0, u64 a2 = 0, u64 a3 = 0);

struct pt_regs;
// A system call's result rc, before do_syscall stores it over regs->a0: the events of mmap,
// munmap, brk and clone (proc/syscall_events.cpp), from the arguments still in regs.
void __trace_syscall_event(const pt_regs* regs, long rc);

// trace_event(type, args...) and trace_syscall_event(regs, rc) are macros, as
// Linux's tracepoints are, so that their arguments (a CSR read, loads) are evaluated only behind
// the jump label, never on the path of a kernel without the port.
#if defined(__riscv)
#define trace_event(...) \
    do { \
        if (event_port_enabled()) __trace_event(__VA_ARGS__); \
    } while (0)
#define trace_syscall_event(...) \
    do { \
        if (event_port_enabled()) __trace_syscall_event(__VA_ARGS__); \
    } while (0)
#else
#define trace_event(...) \
    do { \
    } while (0)
#define trace_syscall_event(...) \
    do { \
    } while (0)
#endif

// Boot hart, once the direct map is up and before the other harts start: maps the DTB's event
// port, if there is one, and turns every call site's nop into its jump.
void event_port_init();
