// ktest=sched: the scheduler on every hart with kernel threads. Two threads per online hart
// are started while each hart's load is known (they spin, yielding, until all exist), so the
// least-loaded placement is exact; each checks it runs on the hart it was placed on, sleeps
// until its own deadline (nanosleep's path) and checks it woke no earlier, then blocks until
// the parent wakes it (wait4's path) and exits with its index. The parent reaps all of them with wait4 and checks the statuses and that every task
// object and stack went back; a kernel TLB flush must send one shootdown to every other hart.
#include "lib/ktest.h"

#include "asm/csr.h"
#include "boot/boot_params.h"
#include "kernel/printk.h"
#include "mm/buddy.h"
#include "mm/pgtable.h"
#include "mm/slab.h"
#include "mm/tlbflush.h"
#include "proc/process.h"
#include "proc/sched.h"
#include "proc/signal.h"

namespace {

constexpr unsigned THREADS_PER_HART = 2;
constexpr unsigned MAX_THREADS = THREADS_PER_HART * NR_CPUS;

struct sched_test {
    unsigned nr_threads;
    volatile unsigned started;        // threads created so far; they wait for all
    volatile unsigned go;
    unsigned placed[MAX_THREADS];     // hart each thread was put on
    unsigned ran_on[MAX_THREADS];     // hart it found itself on, first and after sleeping
    unsigned woke_on[MAX_THREADS];
    u64 deadline[MAX_THREADS];
    u64 woke_at[MAX_THREADS];
    task_struct* parked_task[MAX_THREADS];
    volatile unsigned parked;
    unsigned resumed_on[MAX_THREADS];
};

sched_test test;

int sched_thread(void* arg)
{
    const unsigned i = unsigned(reinterpret_cast<uintptr_t>(arg));
    test.ran_on[i] = smp_processor_id();
    // Stay counted on this hart until every thread is placed: yield, never sleep.
    while (!__atomic_load_n(&test.go, __ATOMIC_ACQUIRE)) {
        set_tsk_need_resched(current);
        schedule();
    }
    // A different deadline per thread, 1 ms apart (timebase ticks).
    test.deadline[i] = get_cycles() + (i + 1) * (boot_params.timebase_frequency / 1000);
    schedule_until(test.deadline[i]);
    test.woke_at[i] = get_cycles();
    test.woke_on[i] = smp_processor_id();
    // Then block as wait4 does, until the parent wakes it (a sleeper woken by the tick must
    // be an ordinary blocked task afterwards).
    unsigned long flags = spin_lock_irqsave(&sched_lock);
    current->state = TASK_INTERRUPTIBLE;
    test.parked_task[i] = current;
    __atomic_add_fetch(&test.parked, 1, __ATOMIC_RELEASE);
    spin_unlock_irqrestore(&sched_lock, flags);
    schedule();
    test.resumed_on[i] = smp_processor_id();
    return int(i);
}

// Poll by sleeping (kernel code runs with interrupts off, so only a hart that goes idle
// takes the ticks that wake the sleepers).
void sleep_until_all_parked()
{
    while (__atomic_load_n(&test.parked, __ATOMIC_ACQUIRE) != test.nr_threads)
        schedule_until(get_cycles() + boot_params.timebase_frequency / 1000);
}

}  // namespace

int ktest_sched()
{
    int errors = 0;
    auto check = [&errors](bool ok, const char* what) {
        printk("ktest sched: %s: %s\n", what, ok ? "yes" : "no");
        if (!ok) ++errors;
    };
    unsigned online = 0;
    for (unsigned h = 0; h < NR_CPUS; ++h) online += runqueues[h].online;
    test.nr_threads = THREADS_PER_HART * online;
    // Empty slabs the caches keep would hide or fake a leak: shrink the caches of the task and of
    // its thread group's signal state before both counts.
    kmem_cache* task_cache = slab_allocator->kmalloc_slab(sizeof(task_struct));
    kmem_cache* signal_cache = slab_allocator->kmalloc_slab(sizeof(signal_struct));
    slab_allocator->kmem_cache_shrink(task_cache);
    slab_allocator->kmem_cache_shrink(signal_cache);
    const unsigned long tasks_before = task_cache->active_objs(), signals_before = signal_cache->active_objs();
    const unsigned long free_before = page_allocator->nr_free_pages();
    printk("ktest sched: %u harts online, %u kernel threads\n", online, test.nr_threads);

    for (unsigned i = 0; i < test.nr_threads; ++i) {
        task_struct* t = kthread_run(sched_thread, reinterpret_cast<void*>(uintptr_t(i)), "ktest-sched");
        if (!t) {
            printk("ktest sched: FAIL no memory for thread %u\n", i);
            return 1;
        }
        test.placed[i] = unsigned(t->ti.cpu);
    }
    __atomic_store_n(&test.go, 1, __ATOMIC_RELEASE);
    printk("ktest sched: threads per hart:");
    for (unsigned h = 0; h < online; ++h) {
        unsigned n = 0;
        for (unsigned i = 0; i < test.nr_threads; ++i) n += test.placed[i] == h;
        printk(" %u", n);
    }
    printk("\n");

    sleep_until_all_parked();
    for (unsigned i = 0; i < test.nr_threads; ++i) wake_up_process(test.parked_task[i]);
    // Thread i exits with code i: every code must come back exactly once.
    static bool reaped[MAX_THREADS];
    bool statuses_ok = true;
    for (unsigned n = 0; n < test.nr_threads; ++n) {
        int status = -1;
        if (do_wait4(-1, nullptr, 0, &status) <= 0 || (status & 0xff) || (status >> 8) >= int(test.nr_threads) ||
            reaped[status >> 8])
            statuses_ok = false;
        else
            reaped[status >> 8] = true;
    }
    bool stayed = true, slept = true;
    for (unsigned i = 0; i < test.nr_threads; ++i) {
        stayed &= test.ran_on[i] == test.placed[i] && test.woke_on[i] == test.placed[i] &&
                  test.resumed_on[i] == test.placed[i];
        slept &= test.woke_at[i] >= test.deadline[i];
    }
    check(stayed, "every thread ran, woke and resumed on the hart it was placed on");
    check(slept, "every sleeper woke at or after its deadline");
    check(statuses_ok, "wait4 reaped every thread, each with its own exit code");
    check(do_wait4(-1, nullptr, 1) == -10, "no child left (ECHILD)");
    slab_allocator->kmem_cache_shrink(task_cache);
    slab_allocator->kmem_cache_shrink(signal_cache);
    check(task_cache->active_objs() == tasks_before && signal_cache->active_objs() == signals_before &&
              page_allocator->nr_free_pages() == free_before,
          "task objects and kernel stacks all freed");

    const u64 shootdowns = read_vm_event(&memvp_vmstat::tlb_shootdowns);
    flush_tlb_kernel_range(VMALLOC_START, VMALLOC_START + PAGE_SIZE);
    printk("ktest sched: a kernel TLB flush sent %lu shootdowns\n",
           (unsigned long)(read_vm_event(&memvp_vmstat::tlb_shootdowns) - shootdowns));
    if (read_vm_event(&memvp_vmstat::tlb_shootdowns) - shootdowns != online - 1) ++errors;
    printk("ktest sched: %s\n", errors ? "FAIL" : "PASS");
    return errors ? 1 : 0;
}
