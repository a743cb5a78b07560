// Fast user-space locking (Linux kernel/futex): a task sleeps on a 32-bit word of its address
// space while the word holds the value it expects, and another task wakes sleepers of the
// same word. Keyed by (mm, address), as Linux keys private futexes, for shared ones too: two
// processes sharing a MAP_SHARED page do not meet on it (Linux keys those by page).
#pragma once

#include "kernel/types.h"

struct kernel_timespec;
struct mm_struct;

// futex(uaddr, op, val, timeout, uaddr2, val3) with Linux's ops: FUTEX_WAIT (timeout relative),
// FUTEX_WAKE, FUTEX_WAIT_BITSET (timeout absolute, CLOCK_MONOTONIC or with
// FUTEX_CLOCK_REALTIME), FUTEX_WAKE_BITSET; FUTEX_PRIVATE_FLAG is accepted. Waits: 0 when
// woken, -EAGAIN when *uaddr != val, -ETIMEDOUT, -EINTR when a signal is pending; wakes: the
// number woken. Other ops -ENOSYS.
long sys_futex(u32* uaddr, int op, u32 val, const kernel_timespec* utimeout, u32* uaddr2, u32 val3);
// Wakes up to nr sleepers on (mm, uaddr) whatever their bitset; the number woken.
int futex_wake(mm_struct* mm, unsigned long uaddr, int nr, u32 bitset = ~0u);
