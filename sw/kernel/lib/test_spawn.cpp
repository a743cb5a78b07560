// ktest=spawn: process lifetime leaves nothing behind. One warm-up run of the program "hello"
// (from the initramfs) fills the caches; then 16 more, one after another (each placed on the
// least loaded hart), must each exit 0, and afterwards free pages, live task objects and the
// process count must be exactly what they were after the warm-up: every address space, page
// table, kernel stack and task_struct was returned.
#include "lib/ktest.h"

#include "kernel/printk.h"
#include "mm/buddy.h"
#include "mm/slab.h"
#include "mm/vm_event.h"
#include "proc/process.h"
#include "proc/sched.h"

namespace {

constexpr unsigned RUNS = 16;

// Runs hello once as a child; its wait status, or -1.
int run_hello(unsigned* hart)
{
    task_struct* t = spawn_user_program("hello");
    if (!t) return -1;
    *hart = unsigned(t->ti.cpu);
    int status = -1;
    return do_wait4(t->pid, nullptr, 0, &status) > 0 ? status : -1;
}

}  // namespace

int ktest_spawn()
{
    int errors = 0;
    unsigned hart = 0;
    if (run_hello(&hart) != 0) {
        printk("ktest spawn: FAIL the warm-up run\n");
        return 1;
    }
    kmem_cache* task_cache = slab_allocator->kmalloc_slab(sizeof(task_struct));
    const unsigned long free0 = page_allocator->nr_free_pages(), tasks0 = task_cache->active_objs();
    const u64 procs0 = read_vm_event(&memvp_vmstat::nr_processes);
    unsigned per_hart[NR_CPUS] = {};
    for (unsigned i = 0; i < RUNS; ++i) {
        const int status = run_hello(&hart);
        ++per_hart[hart];
        if (status != 0) {
            printk("ktest spawn: FAIL run %u: status %#x\n", i, status);
            ++errors;
        }
    }
    printk("ktest spawn: %u runs, per hart:", RUNS);
    for (unsigned h = 0; h < nr_cpu_ids; ++h) printk(" %u", per_hart[h]);
    printk("\n");
    const long dfree = long(page_allocator->nr_free_pages()) - long(free0);
    const long dtasks = long(task_cache->active_objs()) - long(tasks0);
    const long dprocs = long(read_vm_event(&memvp_vmstat::nr_processes)) - long(procs0);
    printk("ktest spawn: change in free pages %ld, task objects %ld, processes %ld\n", dfree, dtasks, dprocs);
    if (dfree || dtasks || dprocs) ++errors;
    printk("ktest spawn: %s\n", errors ? "FAIL" : "PASS");
    return errors ? 1 : 0;
}
