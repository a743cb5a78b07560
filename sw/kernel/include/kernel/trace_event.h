// trace_event(): the kernel reports one of its events (uapi/memvp_event.h) to memvp's event port,
// which dates it in the hart's cycles and puts it beside the hardware's own trace. A no-op
// without the port (on QEMU, on memvp with [event_port] enable = false, on the host build), so
// call sites are one line each and cost a load and a branch when nobody listens.
#pragma once

#include "kernel/types.h"
#include "uapi/memvp_event.h"

// Hart 0's slot in the direct map; null until event_port_init() finds a "memvp,event-port".
inline volatile u64* event_port_slots;

// Writes the non-zero arguments and the commit register of this hart's slot.
void __trace_event(memvp_event_type type, u64 a0, u64 a1, u64 a2, u64 a3);

inline void trace_event(memvp_event_type type, u64 a0 = 0, u64 a1 = 0, u64 a2 = 0, u64 a3 = 0)
{
#if defined(__riscv)
    if (event_port_slots) __trace_event(type, a0, a1, a2, a3);
#else
    (void)type, (void)a0, (void)a1, (void)a2, (void)a3;
#endif
}

// After a system call: the events of mmap, munmap, brk and clone (proc/syscall_events.cpp).
void trace_syscall_event(unsigned long nr, unsigned long a0, unsigned long a1, unsigned long a2, unsigned long a3,
                         long rc);

// Boot hart, once the direct map is up: maps the DTB's event port, if there is one.
void event_port_init();
