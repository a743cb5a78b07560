// switch_mm and the ASID allocator (Linux arch/riscv/mm/context.c, simplified): an mm keeps
// its ASID while mm->context carries the current generation; when the ASIDs run out the
// generation advances, the ASIDs active on some hart are kept, and every hart flushes its
// TLB at its next switch (§12.2.1: sfence.vma with rs1 = rs2 = x0).
#include "asm/boot.h"
#include "asm/csr.h"
#include "asm/mmu_context.h"
#include "boot/bootargs.h"
#include "mm/memory_model.h"
#include "mm/mm_types.h"
#include "mm/vm_event.h"
#include "proc/sched.h"

namespace {

constexpr unsigned ASID_GEN_SHIFT = 16;
unsigned long nr_asids;              // 0: no ASIDs (every switch flushes)
unsigned long hw_nr_asids;          // what the hardware and bootargs allow
u64 asid_generation = 1;
unsigned long next_asid = 1;         // ASID 0 is the kernel's
u64 asid_used[65536 / 64];
int flush_pending[NR_CPUS];  // int: RV64A has word atomics, no byte ones
spinlock_t asid_lock;

void local_flush_tlb_all()
{
    __asm__ volatile("sfence.vma zero, zero" : : : "memory");
    count_vm_event(&memvp_vmstat::tlb_local_flushes);
}

bool asid_taken(unsigned long a) { return asid_used[a / 64] >> (a % 64) & 1; }
void take_asid(unsigned long a) { asid_used[a / 64] |= 1UL << (a % 64); }

// New generation (Linux __flush_context): keep the ASIDs loaded on some hart.
void new_generation()
{
    ++asid_generation;
    for (u64& w : asid_used) w = 0;
    take_asid(0);
    for (unsigned h = 0; h < NR_CPUS; ++h) {
        flush_pending[h] = 1;
        mm_struct* active = runqueues[h].active_mm;
        if (!active) continue;
        take_asid(active->context & 0xffff);
        active->context = asid_generation << ASID_GEN_SHIFT | (active->context & 0xffff);
    }
    next_asid = 1;
}

unsigned long get_asid(mm_struct* mm)
{
    spin_lock(&asid_lock);
    if (mm->context >> ASID_GEN_SHIFT != asid_generation) {
        for (;;) {
            while (next_asid < nr_asids && asid_taken(next_asid)) ++next_asid;
            if (next_asid < nr_asids) break;
            new_generation();
        }
        take_asid(next_asid);
        mm->context = asid_generation << ASID_GEN_SHIFT | next_asid;
        mm->asid = u16(next_asid);
    }
    spin_unlock(&asid_lock);
    return mm->context & 0xffff;
}

}  // namespace

void asid_init()
{
    const unsigned long satp = csr_read(satp);
    csr_write(satp, satp | SATP_ASID_MASK << SATP_ASID_SHIFT);
    const unsigned long bits = __builtin_popcountl(csr_read(satp) >> SATP_ASID_SHIFT & SATP_ASID_MASK);
    csr_write(satp, satp);
    nr_asids = hw_nr_asids = kernel_opts.asid && bits ? 1UL << bits : 0;
    take_asid(0);
}

bool asids_enabled() { return nr_asids != 0; }

unsigned long mm_asid(mm_struct* mm) { return nr_asids ? mm->context & 0xffff : 0; }

unsigned long mm_satp(mm_struct* mm)
{
    const unsigned long ppn = (reinterpret_cast<unsigned long>(mm->pgd) - va_pa_offset) >> PAGE_SHIFT;
    return satp_mode() << 60 | mm_asid(mm) << SATP_ASID_SHIFT | ppn;
}

void switch_mm(mm_struct* prev, mm_struct* next)
{
    const unsigned hart = smp_processor_id();
    __atomic_or_fetch(&next->cpu_bitmap, 1UL << hart, __ATOMIC_RELAXED);
    if (nr_asids) {
        get_asid(next);
        csr_write(satp, mm_satp(next));
        if (__atomic_exchange_n(&flush_pending[hart], 0, __ATOMIC_RELAXED)) local_flush_tlb_all();
        return;
    }
    // No ASIDs: the previous address space leaves nothing behind on this hart.
    if (prev && prev != next) __atomic_and_fetch(&prev->cpu_bitmap, ~(1UL << hart), __ATOMIC_RELAXED);
    csr_write(satp, mm_satp(next));
    local_flush_tlb_all();
}

void switch_to_kernel_mm()
{
    const unsigned long ppn = (reinterpret_cast<unsigned long>(swapper_pg_dir) - KERNEL_VA_PA_DELTA) >> PAGE_SHIFT;
    csr_write(satp, satp_mode() << 60 | ppn);
    runqueues[smp_processor_id()].active_mm = nullptr;
}

void use_mm(mm_struct* mm)
{
    rq* q = &runqueues[smp_processor_id()];
    switch_mm(q->active_mm, mm);
    q->active_mm = mm;
}

unsigned long long asid_generation_now() { return asid_generation; }

unsigned long asid_set_limit(unsigned long nr)
{
    spin_lock(&asid_lock);
    const unsigned long old = nr_asids;
    nr_asids = nr && nr < hw_nr_asids ? nr : hw_nr_asids;
    spin_unlock(&asid_lock);
    return old;
}
