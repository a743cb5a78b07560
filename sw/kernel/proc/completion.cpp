// Completions (Linux kernel/sched/completion.c): a count of events and a list of waiters under
// the completion's own lock. The waiter queues itself and sets TASK_UNINTERRUPTIBLE before
// dropping the lock, so a complete() on another hart between the unlock and schedule() finds it
// and wake_up_process turns it back to TASK_RUNNING: schedule() then requeues it, no wakeup lost.
#include "kernel/completion.h"

#include "proc/sched.h"

namespace {

struct completion_waiter {
    list_head node;
    task_struct* task;
};

}  // namespace

void init_completion(completion* x)
{
    x->done = 0;
    spin_lock_init(&x->lock);
    INIT_LIST_HEAD(&x->wait);
}

void reinit_completion(completion* x) { x->done = 0; }

void wait_for_completion(completion* x)
{
    unsigned long flags = spin_lock_irqsave(&x->lock);
    while (!x->done) {
        completion_waiter w{{}, current};
        list_add_tail(&w.node, &x->wait);
        current->state = TASK_UNINTERRUPTIBLE;
        spin_unlock(&x->lock);
        schedule();
        spin_lock(&x->lock);
        // complete() unlinked w when it woke this task; any other wakeup leaves it queued.
        if (!list_empty(&w.node)) list_del(&w.node);
    }
    --x->done;
    spin_unlock_irqrestore(&x->lock, flags);
}

bool try_wait_for_completion(completion* x)
{
    unsigned long flags = spin_lock_irqsave(&x->lock);
    const bool got = x->done != 0;
    if (got) --x->done;
    spin_unlock_irqrestore(&x->lock, flags);
    return got;
}

void complete(completion* x)
{
    unsigned long flags = spin_lock_irqsave(&x->lock);
    ++x->done;
    task_struct* waiter = nullptr;
    if (!list_empty(&x->wait)) {
        completion_waiter* w = list_first_entry(&x->wait, completion_waiter, node);
        list_del_init(&w->node);
        waiter = w->task;
    }
    spin_unlock_irqrestore(&x->lock, flags);
    if (waiter) wake_up_process(waiter);
}
