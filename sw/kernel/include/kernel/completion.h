// struct completion (Linux <linux/completion.h>): one side waits for an event that another
// side, typically an interrupt handler, signals. The waiter is descheduled in
// TASK_UNINTERRUPTIBLE, so its hart runs other tasks or idles in WFI until complete() wakes it.
#pragma once

#include "kernel/list.h"
#include "kernel/spinlock.h"

struct completion {
    unsigned done;     // complete() calls not yet consumed by a waiter
    spinlock_t lock;
    list_head wait;    // the waiting tasks' completion_waiter entries, first come first woken
};

void init_completion(completion* x);
// Makes a used completion waitable again (done = 0); no one may be waiting.
void reinit_completion(completion* x);
// Sleeps until complete() has been called once more than waits have returned; task context
// only (never from an interrupt handler).
void wait_for_completion(completion* x);
// Consumes an event if one is there, without sleeping; false if it would have to wait.
bool try_wait_for_completion(completion* x);
// Signals one waiter (or the next one to wait); callable from interrupt handlers on any hart.
void complete(completion* x);
