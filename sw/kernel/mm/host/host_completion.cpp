// Completions on the host (the guest's are proc/completion.cpp): tests run one thread and the
// host disk ends every bio before submit returns, so a wait that would sleep is a bug; sleeping
// locks built on completions (mutex, rw_semaphore) pass when uncontended.
#include "kernel/completion.h"

#include "kernel/panic.h"

void init_completion(completion* x)
{
    x->done = 0;
    INIT_LIST_HEAD(&x->wait);
}

void reinit_completion(completion* x) { x->done = 0; }

void wait_for_completion(completion* x)
{
    if (x->done == 0) panic("wait_for_completion would sleep forever on the host");
    --x->done;
}

bool try_wait_for_completion(completion* x)
{
    if (x->done == 0) return false;
    --x->done;
    return true;
}

void complete(completion* x) { ++x->done; }
