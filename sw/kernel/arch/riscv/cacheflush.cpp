// fence.i bookkeeping (asm/cacheflush.h): one global generation of loaded code, and per hart
// the generation its instruction fetch has caught up with (§"Zifencei" of the unprivileged
// spec: fence.i orders this hart's fetches after all earlier stores it can observe).
#include "asm/cacheflush.h"

#include "asm/boot.h"
#include "proc/sched.h"

namespace {

unsigned long code_generation;
unsigned long hart_generation[NR_CPUS];

void local_flush_icache() { __asm__ volatile("fence.i" : : : "memory"); }

}  // namespace

void flush_icache_all_lazy()
{
    const unsigned long gen = __atomic_add_fetch(&code_generation, 1, __ATOMIC_ACQ_REL);
    local_flush_icache();
    hart_generation[smp_processor_id()] = gen;
}

void flush_icache_if_stale()
{
    const unsigned long gen = __atomic_load_n(&code_generation, __ATOMIC_ACQUIRE);
    unsigned long& seen = hart_generation[smp_processor_id()];
    if (seen == gen) return;
    local_flush_icache();
    seen = gen;
}
