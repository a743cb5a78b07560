/* The guest/platform ABI of memvp's event port ("memvp,event-port", docs/devices.md): the
 * register layout of one hart's slot and the event types the kernel reports through it. Shared
 * by the kernel's driver (sw/kernel/drivers/trace) and the device model
 * (models/devices/event_port), so both number the events alike; C and C++. */
#ifndef MEMVP_UAPI_MEMVP_EVENT_H
#define MEMVP_UAPI_MEMVP_EVENT_H

/* Hart h's registers are at base + h * MEMVP_EVENT_SLOT_SIZE, each 64 bits wide. */
#define MEMVP_EVENT_SLOT_SIZE 0x40
#define MEMVP_EVENT_ARG0 0x00   /* ARG0..ARG3 at 0x00, 0x08, 0x10, 0x18: the record's arguments */
#define MEMVP_EVENT_ARGS 4
#define MEMVP_EVENT_COMMIT 0x20 /* write type | pid << 32: records the event, clears ARG0..3 */
#define MEMVP_EVENT_ID 0x38     /* read-only: MEMVP_EVENT_ID_VALUE */
#define MEMVP_EVENT_ID_VALUE 0x000000014550564DULL /* "MVPE" (little-endian), version 1 */

/* Event types (the COMMIT register's bits 15:0) and their arguments. */
enum memvp_event_type {
    MEMVP_EV_NONE = 0,            /* never recorded */
    MEMVP_EV_PAGE_FAULT = 1,      /* the trap entered the handler: va, scause, epc */
    MEMVP_EV_PAGE_FAULT_DONE = 2, /* the handler returned: va, vm_fault_t (Linux bits: 0x4 major) */
    MEMVP_EV_COW_COPY = 3,        /* a write fault copied a shared page: va */
    MEMVP_EV_ZERO_PAGE = 4,       /* a read fault mapped the zero page: va */
    MEMVP_EV_THP_ALLOC = 5,       /* a fault mapped a new 2 MiB page: huge-page va */
    MEMVP_EV_THP_SPLIT = 6,       /* a 2 MiB mapping was split into 4 KiB PTEs: huge-page va */
    MEMVP_EV_MMAP = 7,            /* mmap returned: addr, len, prot, flags */
    MEMVP_EV_MUNMAP = 8,          /* munmap: addr, len */
    MEMVP_EV_BRK = 9,             /* brk moved the heap's end: old end, new end */
    MEMVP_EV_CONTEXT_SWITCH = 10, /* schedule() switches: prev pid, next pid, next ASID */
    MEMVP_EV_SHOOTDOWN_SEND = 11, /* a TLB shootdown IPI went out: start, end, target harts, ASID */
    MEMVP_EV_SHOOTDOWN_RECV = 12, /* a hart serves a shootdown: start, end, ASID */
    MEMVP_EV_SFENCE = 13,         /* a local TLB flush: start, end, ASID (~0: all ASIDs) */
    MEMVP_EV_FORK = 14,           /* fork/clone made a child: child pid */
    MEMVP_EV_EXEC = 15,           /* execve replaced the image: entry point */
    MEMVP_EV_EXIT = 16,           /* the task exits: wait status */
    /* Reclaim (Linux's vmscan and oom tracepoints); free pages: the buddy allocator's, all nodes. */
    MEMVP_EV_KSWAPD_WAKE = 17,          /* kswapd starts a run: node, order, free pages */
    MEMVP_EV_KSWAPD_SLEEP = 18,         /* kswapd ends its run: node, pages reclaimed, free pages */
    MEMVP_EV_DIRECT_RECLAIM_BEGIN = 19, /* an allocation reclaims itself: order, gfp mask, free pages */
    MEMVP_EV_DIRECT_RECLAIM_END = 20,   /* it is done: pages reclaimed, free pages */
    MEMVP_EV_OOM_KILL = 21,             /* the OOM killer's victim: pid, total_vm, rss (pages), oom_score_adj */
    /* A zone's free pages, reported beside the other events when they moved by 64 or more
     * since the zone's last report: node, zone (0 DMA32, 1 Normal, 2 Movable), free pages. */
    MEMVP_EV_ZONE_FREE = 22,
    MEMVP_EV_SWAP_OUT = 23, /* an anonymous page written to its swap slot: swap type, slot offset, pfn */
    MEMVP_EV_SWAP_IN = 24,  /* a page read back from its swap slot (a major fault): swap type, slot offset, pfn */
    MEMVP_EV_NR
};

#endif
